// Organisation names by id, for the places where the API answers only an `org_id` (members, audit,
// users, parents). One shared cache; unknown ids are fetched once with GET /orgs/{id}.
import { reactive } from 'vue';
import { getOrg } from '@/api/orgs';
import type { OrgRef } from '@/api/types';

const names = reactive(new Map<number, string>());
const pending = new Set<number>();

/** Feeds names already at hand (search results, organisers) so they are not fetched again. */
export function rememberOrgs(orgs: readonly OrgRef[]): void {
  for (const org of orgs) names.set(org.id, org.name);
}

/** The org's name, or '' while it loads; `#id` when the caller may not see it. Reactive. */
export function orgName(id: number | null | undefined): string {
  if (id === null || id === undefined) return '';
  const known = names.get(id);
  if (known !== undefined) return known;
  if (!pending.has(id)) {
    pending.add(id);
    getOrg(id)
      .then((org) => names.set(id, org.name))
      .catch(() => names.set(id, `#${id}`))
      .finally(() => pending.delete(id));
  }
  return '';
}
