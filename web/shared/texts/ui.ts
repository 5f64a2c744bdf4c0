// The staff app's component library ([da, en]): tables, dialogs.
export const uiTexts = {
  'table.filter': ['Filtrér tabellen', 'Filter the table'],
  'table.matches': ['{n} af {total} rækker passer', '{n} of {total} rows match'],
  'table.empty': ['Ingen rækker passer til filteret.', 'No rows match the filter.'],
  'table.sortAsc': ['Sortér stigende', 'Sort ascending'],
  'table.sortDesc': ['Sortér faldende', 'Sort descending'],
  'dialog.close': ['Luk', 'Close'],
} as const;
