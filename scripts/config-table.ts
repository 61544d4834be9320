import { CONFIG_VARIABLES } from '../src/server/config.ts';

// Prints the README's configuration table from src/server/config.ts (a test checks they agree).
const rows = Object.entries(CONFIG_VARIABLES).map(([name, variable]) => {
  const fallback =
    variable.default === undefined || variable.default === '' ? '—' : `\`${variable.default}\``;
  const required = 'requiredInProduction' in variable ? 'yes' : '';
  return `| \`${name}\` | ${fallback} | ${required} | ${variable.description} |`;
});
process.stdout.write(
  ['| variable | default | required in production | meaning |', '|---|---|---|---|', ...rows].join(
    '\n',
  ) + '\n',
);
