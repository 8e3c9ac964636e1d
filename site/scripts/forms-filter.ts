/**
 * The forms index filtered by role and department: the selects (and `?role=` / `?department=` in
 * the address, so a role page can link to its forms) hide the rows no chosen role or department
 * keeps, produces or uses. Without JavaScript every row stays visible.
 */
export function filterForms(root: ParentNode = document): void {
  const form = root.querySelector<HTMLFormElement>('form[data-forms-filter]');
  if (!form) return;
  const rows = [...root.querySelectorAll<HTMLTableRowElement>('table.hb-forms tbody tr')];
  const output = form.querySelector('output');
  const selects = [...form.querySelectorAll('select')];
  const params = new URLSearchParams(location.search);
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
  }
  const apply = () => {
    const role = form.elements.namedItem('role') as HTMLSelectElement;
    const department = form.elements.namedItem('department') as HTMLSelectElement;
    let shown = 0;
    for (const row of rows) {
      const match = (!role.value || (row.dataset.roles ?? '').split(' ').includes(role.value)) && (!department.value || (row.dataset.departments ?? '').split(' ').includes(department.value));
      row.hidden = !match;
      if (match) shown++;
    }
    if (output) output.textContent = (output.dataset.countTemplate ?? '{count}').replace('{count}', String(shown));
    const next = new URLSearchParams(location.search);
    for (const select of selects) {
      if (select.value) next.set(select.name, select.value);
      else next.delete(select.name);
    }
    const query = next.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  apply();
}
