// Whether the signed-in user belongs to the city federation (the root of the org tree): only the
// city edits the visit checklist and the rates' wording (the server answers 403 to anyone else).
import { ref, type Ref } from 'vue';
import { getOrg } from '@/api/orgs';
import type { Org } from '@/api/types';
import { useSessionStore } from '@/stores/session';

export function isCityOrg(org: Pick<Org, 'parent_id' | 'kind'>): boolean {
  return org.parent_id === null || org.kind === 'city';
}

/** false until the user's org is loaded. */
export function useCityUser(): Ref<boolean> {
  const session = useSessionStore();
  const city = ref(false);
  const id = session.user?.org_id;
  if (id !== undefined) {
    getOrg(id)
      .then((org) => (city.value = isCityOrg(org)))
      .catch(() => (city.value = false));
  }
  return city;
}
