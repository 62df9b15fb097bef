import { describe, expect, it } from 'vitest';
import { agentRolesFor } from './roles';

describe('agentRolesFor', () => {
	it.each([
		['provider', ['admin_agent', 'helpdesk_agent', 'sales_agent', 'none']],
		['reseller', ['admin_agent', 'helpdesk_agent', 'none']],
		['customer', ['admin_agent', 'helpdesk_agent', 'none']]
	] as const)('offers %s workspaces %j', (kind, roles) => {
		expect(agentRolesFor(kind)).toEqual(roles);
	});
});
