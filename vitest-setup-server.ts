// Real IndexedDB semantics in Node for db/ and services/ tests.
import 'fake-indexeddb/auto';
