// Every audit row the code can write must read as words in the log viewer and the
// account history, in both languages: each action code and each kind of record has a
// label in the auditLog namespace (src/audit/audit-labels.ts). The codes are found by
// reading the source, so a new action without a label fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/i18n/i18n.js';

const CODE = /^[a-z][A-Za-z]*(?:\.[A-Za-z][A-Za-z-]*)+$/;
const LITERAL = /'([^'\n]*)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const codesIn = (text: string): string[] => [...text.matchAll(LITERAL)].map((m) => m[1]!).filter((s) => CODE.test(s));

function collect(): { actions: Set<string>; targetTypes: Set<string> } {
  const actions = new Set<string>();
  const targetTypes = new Set<string>();
  for (const file of sourceFiles('src')) {
    const source = readFileSync(file, 'utf8');
    const lines = source.split('\n');
    lines.forEach((line, i) => {
      // `action: 'x.y'`, `action: cond ? 'x.y' : 'x.z'` (also when wrapped onto the next line)
      // (a zod schema's `action:` field is a form field, not an audit action)
      const action = /\baction:\s*(.*)$/.exec(line);
      if (action && !line.includes('z.'))
        for (const code of codesIn(action[1]!.trim() === '' ? (lines[i + 1] ?? '') : action[1]!)) actions.add(code);
      // Helpers that take the action as an argument: audit(tx, context, 'x.y', …), move(…, 'x.y', …)
      for (const call of line.matchAll(/\b(?:audit|move)\((.*)$/g)) for (const code of codesIn(call[1]!)) actions.add(code);
      for (const type of line.matchAll(/\btargetType:\s*'([^']+)'/g)) targetTypes.add(type[1]!);
    });
    // Constants and tables of actions: FOO_ACTION = 'x.y', FOO_ACTIONS = { a: 'x.y', … }
    for (const table of source.matchAll(/[A-Z_]+_ACTIONS?\b[^=\n]*=\s*(\{[^}]*\}|'[^']*')/g))
      for (const code of codesIn(table[1]!)) actions.add(code);
    // Template-built actions whose parts the code spells out: `vocabulary.${retire ? 'retired' : 'reactivated'}`
    for (const built of source.matchAll(/`([a-z][A-Za-z]*)\.\$\{([^}`]*)\}`/g))
      for (const part of built[2]!.matchAll(LITERAL)) actions.add(`${built[1]}.${part[1]}`);
  }
  return { actions, targetTypes };
}

describe('audit labels', () => {
  const { actions, targetTypes } = collect();

  it('finds the codes the source writes', () => {
    // A sanity check on the reading of the source itself.
    expect(actions).toContain('vocabulary.retired');
    expect(actions).toContain('vocabulary.reactivated');
    expect(actions).toContain('agreement.started');
    expect(actions).toContain('opening.published');
    expect(actions).toContain('retention.ran');
    expect(actions).toContain('association.member.joined');
    expect(targetTypes).toContain('municipality_settings');
    expect(targetTypes).toContain('staff-invitation');
  });

  for (const language of ['da', 'en'] as const) {
    const messages = loadMessages(language) as { auditLog: { actions: Record<string, unknown>; targetTypes: Record<string, unknown> } };
    it(`has a ${language} label for every action code`, () => {
      const missing = [...actions].filter((code) => typeof messages.auditLog.actions[code.replaceAll('.', '_')] !== 'string');
      expect(missing.sort()).toEqual([]);
    });
    it(`has a ${language} label for every kind of record`, () => {
      const missing = [...targetTypes].filter((type) => typeof messages.auditLog.targetTypes[type] !== 'string');
      expect(missing.sort()).toEqual([]);
    });
  }
});
