import { debounce } from './backoff.js';
import { h } from './dom.js';
import { type FilterKey, type Filters, JOB_STATUSES } from './filters.js';

const SORTS: Array<[string, string]> = [
  ['', 'Oldest first'],
  ['-created', 'Newest first'],
  ['next_run', 'Next run soonest'],
  ['-next_run', 'Next run latest'],
  ['name', 'Name A–Z'],
  ['-updated', 'Recently changed'],
];

function select(name: FilterKey, label: string, options: Array<[string, string]>, value: string | undefined): HTMLSelectElement {
  const el = h('select', { name, 'aria-label': label });
  // A value from a shared address that the menu does not list (e.g. two statuses) is kept, not dropped.
  if (value && !options.some(([v]) => v === value)) options = [...options, [value, value]];
  for (const [v, text] of options) el.append(h('option', { value: v, selected: v === (value ?? '') }, text));
  return el;
}

const text = (name: FilterKey, label: string, value: string | undefined, placeholder: string): HTMLInputElement =>
  h('input', { name, type: 'text', 'aria-label': label, placeholder, value: value ?? '', autocomplete: 'off', spellcheck: 'false' });

/**
 * The jobs list's filters: text search (as you type, debounced), status, recurrence and sort,
 * and the rarer ones (kind, platform, owner, chat, workflow) folded away. Every change calls
 * `changed` with the whole set, which the list puts into the address.
 */
export function filterBar(current: Filters, changed: (f: Filters) => void): HTMLElement {
  const search = h('input', {
    name: 'q',
    type: 'search',
    'aria-label': 'Search jobs by name or text',
    placeholder: 'Search name or text…',
    value: current.q ?? '',
    autocomplete: 'off',
  });
  const fields: Array<HTMLInputElement | HTMLSelectElement> = [
    search,
    select('status', 'Status', [['', 'Any status'], ...JOB_STATUSES.map((s): [string, string] => [s, s])], current.status),
    select(
      'recurring',
      'Recurrence',
      [
        ['', 'Once or recurring'],
        ['true', 'Recurring'],
        ['false', 'Once'],
      ],
      current.recurring,
    ),
    select('sort', 'Sort', SORTS, current.sort),
  ];
  const more: Array<HTMLInputElement> = [
    text('kind', 'Kind', current.kind, 'kind: reminder'),
    text('platform', 'Platform', current.platform, 'platform: telegram'),
    text('owner', 'Owner', current.owner, 'owner: telegram:42'),
    text('chat', 'Chat', current.chat, 'chat: telegram:-100…'),
    text('workflow', 'Workflow', current.workflow, 'workflow id'),
  ];
  const read = (): Filters => {
    const f: Filters = {};
    for (const el of [...fields, ...more]) if (el.value.trim()) f[el.name as FilterKey] = el.value.trim();
    return f;
  };
  const typed = debounce(() => changed(read()), 300);
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: (e: Event) => e.preventDefault() },
    ...fields,
    h(
      'details',
      { class: 'more-filters', open: more.some((el) => el.value !== '') },
      h('summary', {}, 'More filters'),
      h('div', { class: 'more-fields' }, ...more),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          for (const el of [...fields, ...more]) el.value = '';
          changed({});
        },
      },
      'Clear filters',
    ),
  );
  for (const el of [...fields, ...more]) {
    if (el instanceof HTMLSelectElement) el.addEventListener('change', () => changed(read()));
    else el.addEventListener('input', typed);
  }
  return form;
}
