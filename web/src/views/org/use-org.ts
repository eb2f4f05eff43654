// Logic of the 组织架构 page: the lazily loaded tree on one axis, name search, the selected org with
// its move history, and the edit / new-child forms. The pure helpers are unit-tested.
import { reactive, ref } from 'vue';
import { createOrg, getOrg, getOrgAncestors, getOrgChildren, getOrgHistory, listOrgs, updateOrg } from '@/api/orgs';
import type { Axis, Org, OrgCreate, OrgKind, OrgMove, OrgPatch } from '@/api/types';
import { rememberOrgs } from '@/composables/use-org-names';
import { useFormErrors } from '@/composables/use-form-errors';
import { notifyError } from '@/utils/errors';

export interface OrgEditModel {
  name: string;
  short_name: string;
  code: string;
  parent_id: number | null;
  industry_parent_id: number | null;
}

export interface OrgCreateModel extends OrgEditModel {
  kind: OrgKind;
}

export const ORG_EDIT_FIELDS = ['name', 'short_name', 'code', 'parent_id', 'industry_parent_id'] as const;
export const ORG_CREATE_FIELDS = [...ORG_EDIT_FIELDS, 'kind'] as const;

export function editModel(org: Org): OrgEditModel {
  return {
    name: org.name,
    short_name: org.short_name ?? '',
    code: org.code ?? '',
    parent_id: org.parent_id,
    industry_parent_id: org.industry_parent_id,
  };
}

/** Only the changed fields: an unchanged parent must not be sent, since a parent change is a move. */
export function orgPatch(org: Org, model: OrgEditModel): OrgPatch {
  const patch: OrgPatch = {};
  if (model.name.trim() !== org.name) patch.name = model.name.trim();
  if (model.short_name.trim() !== (org.short_name ?? '')) patch.short_name = model.short_name.trim();
  if (model.code.trim() !== (org.code ?? '')) patch.code = model.code.trim();
  if (model.parent_id !== null && model.parent_id !== org.parent_id) patch.parent_id = model.parent_id;
  if (model.industry_parent_id !== org.industry_parent_id) patch.industry_parent_id = model.industry_parent_id;
  return patch;
}

/** The kind a new child usually has, below `parent` on `axis`. */
export function childKind(parent: OrgKind, axis: Axis): OrgKind {
  if (parent === 'city') return axis === 'industry' ? 'industry' : 'district';
  if (parent === 'district') return 'street';
  return 'grassroots';
}

/** The create form for a child of `parent`: on the industry axis the parent is the industry parent,
 *  and the territorial parent must still be chosen (every org has one). */
export function childModel(parent: Org, axis: Axis): OrgCreateModel {
  const industry = axis === 'industry';
  return {
    name: '',
    short_name: '',
    code: '',
    kind: childKind(parent.kind, axis),
    parent_id: industry ? null : parent.id,
    industry_parent_id: industry ? parent.id : null,
  };
}

export function createBody(model: OrgCreateModel): OrgCreate | null {
  if (model.parent_id === null) return null;
  const body: OrgCreate = { name: model.name.trim(), kind: model.kind, parent_id: model.parent_id };
  if (model.industry_parent_id !== null) body.industry_parent_id = model.industry_parent_id;
  if (model.short_name.trim()) body.short_name = model.short_name.trim();
  if (model.code.trim()) body.code = model.code.trim();
  return body;
}

export function useOrgPage(rootId: () => number | undefined) {
  const axis = ref<Axis>('territorial');
  const selected = ref<Org | null>(null);
  const history = ref<OrgMove[]>([]);
  const search = reactive({ q: '', loading: false, results: [] as Org[] });

  /** el-tree `load`: level 0 is the user's own org, deeper levels its children on the axis. */
  async function loadChildren(parent: Org | null): Promise<Org[]> {
    try {
      if (parent === null) {
        const id = rootId();
        if (id === undefined) return [];
        const root = await getOrg(id);
        rememberOrgs([root]);
        return [root];
      }
      const { items } = await getOrgChildren(parent.id, axis.value);
      rememberOrgs(items);
      return items;
    } catch (error) {
      notifyError(error);
      return [];
    }
  }

  async function select(id: number): Promise<void> {
    try {
      const [org, moves] = await Promise.all([getOrg(id), getOrgHistory(id).catch(() => ({ items: [] }))]);
      selected.value = org;
      history.value = moves.items;
    } catch (error) {
      notifyError(error);
    }
  }

  async function runSearch(): Promise<void> {
    const q = search.q.trim();
    if (!q) {
      search.results = [];
      return;
    }
    search.loading = true;
    try {
      const page = await listOrgs({ q, axis: axis.value, page_size: 50 });
      rememberOrgs(page.items);
      search.results = page.items;
    } catch (error) {
      notifyError(error);
    } finally {
      search.loading = false;
    }
  }

  /** Ancestor ids below the tree root, root first, for expanding the tree down to `id`. */
  async function pathTo(id: number): Promise<number[]> {
    try {
      const { items } = await getOrgAncestors(id, axis.value);
      const root = rootId();
      const start = items.findIndex((o) => o.id === root);
      return start < 0 ? [] : items.slice(start).map((o) => o.id);
    } catch {
      return [];
    }
  }

  return { axis, selected, history, search, loadChildren, select, runSearch, pathTo };
}

/** The edit form of the selected org. */
export function useOrgEdit() {
  const model = reactive<OrgEditModel>({ name: '', short_name: '', code: '', parent_id: null, industry_parent_id: null });
  const saving = ref(false);
  const formErrors = useFormErrors(ORG_EDIT_FIELDS);

  function reset(org: Org): void {
    Object.assign(model, editModel(org));
    formErrors.clear();
  }

  async function save(org: Org): Promise<Org | undefined> {
    const patch = orgPatch(org, model);
    if (Object.keys(patch).length === 0) return org;
    saving.value = true;
    try {
      return await formErrors.submit(() => updateOrg(org.id, patch));
    } finally {
      saving.value = false;
    }
  }

  return { model, saving, reset, save, errorOf: formErrors.errorOf };
}

/** The 新建下级组织 form. */
export function useOrgCreate() {
  const model = reactive<OrgCreateModel>({
    name: '',
    short_name: '',
    code: '',
    kind: 'grassroots',
    parent_id: null,
    industry_parent_id: null,
  });
  const saving = ref(false);
  const formErrors = useFormErrors(ORG_CREATE_FIELDS);

  function reset(parent: Org, axis: Axis): void {
    Object.assign(model, childModel(parent, axis));
    formErrors.clear();
  }

  async function save(): Promise<Org | undefined> {
    const body = createBody(model);
    if (!body) return undefined;
    saving.value = true;
    try {
      return await formErrors.submit(() => createOrg(body));
    } finally {
      saving.value = false;
    }
  }

  return { model, saving, reset, save, errorOf: formErrors.errorOf };
}
