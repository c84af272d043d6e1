// Starting a proposal and comparing two versions: *New proposal…* asks what kind, which
// resolution (with the revision in force) and which conference, and opens the new DT;
// *Compare with…* opens the MOD text that turns another version into the current one.

import { commands, Selection, Uri, window, workspace, type ExtensionContext, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { compareVersions } from '../../server/src/drafting/compare';

const PROPOSAL_CANDIDATES_REQUEST = 'resolution/proposalCandidates';
const NEW_PROPOSAL_REQUEST = 'resolution/newProposal';

interface Candidate {
  body: string;
  number: string;
  about?: string;
  inForce?: string;
  hasText: boolean;
  revisers: Array<{ id: string; place: string; year: number }>;
}

type Action = 'MOD' | 'ADD' | 'SUP';

const ACTIONS: Array<QuickPickItem & { action: Action }> = [
  { label: 'MOD', description: 'Modify a resolution in force', detail: 'Starts from its text, with track changes on', action: 'MOD' },
  { label: 'ADD', description: 'A draft new resolution', detail: 'DRAFT NEW RESOLUTION [XXX-n], clean text', action: 'ADD' },
  { label: 'SUP', description: 'Suppress a resolution', detail: 'The symbol, the title and the reasons', action: 'SUP' },
];

const LATEST: Array<{ id: string; place: string; year: number }> = [
  { id: 'PP-22', place: 'Bucharest', year: 2022 },
  { id: 'WTDC-22', place: 'Kigali', year: 2022 },
  { id: 'WTSA-24', place: 'New Delhi', year: 2024 },
];

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

async function pickConference(choices: Candidate['revisers'], body: string | undefined): Promise<string | undefined> {
  const configured = workspace.getConfiguration('resolution').get<string>('proposal.conference', '').trim();
  if (configured && (body === undefined || configured.toUpperCase().startsWith(`${body.toUpperCase()}-`))) return configured.toUpperCase();
  if (choices.length === 0) {
    return window.showInputBox({ prompt: 'Conference revising the text (e.g. PP-26), or set "resolution.proposal.conference"', validateInput: (v) => (/^[A-Z]+-\d{2}$/i.test(v.trim()) ? undefined : 'A conference id such as PP-26') });
  }
  const picked = await window.showQuickPick(
    choices.map((c) => ({ label: c.id, description: `${c.place}, ${c.year}`, id: c.id })),
    { placeHolder: 'Conference making the proposal (set "resolution.proposal.conference" to skip this step)' },
  );
  return picked?.id;
}

async function newProposal(client: LanguageClient): Promise<void> {
  const kind = await window.showQuickPick(ACTIONS, { placeHolder: 'Kind of proposal' });
  if (!kind) return;
  let candidate: Candidate | undefined;
  if (kind.action !== 'ADD') {
    const candidates = await client.sendRequest<Candidate[]>(PROPOSAL_CANDIDATES_REQUEST, {});
    const usable = kind.action === 'MOD' ? candidates.filter((c) => c.hasText) : candidates;
    if (usable.length === 0) {
      void window.showWarningMessage('No resolution with its text in force is known: open a folder with its .reso file, or add a catalogue that carries the texts (reso catalogue --embed-text).');
      return;
    }
    const items = usable.map((c) => ({ label: `Resolution ${c.number} (${c.body})`, description: c.inForce, detail: c.about, candidate: c }));
    const picked = await window.showQuickPick(items, { placeHolder: `Resolution to ${kind.action === 'MOD' ? 'modify' : 'suppress'}: type its number or words of its name`, matchOnDescription: true, matchOnDetail: true });
    if (!picked) return;
    candidate = picked.candidate;
  }
  const conference = await pickConference(candidate ? candidate.revisers : LATEST, candidate?.body);
  if (!conference) return;
  const response = await client.sendRequest<{ result: { text: string; cursor: number } | { error: string } }>(NEW_PROPOSAL_REQUEST, {
    action: kind.action,
    body: candidate?.body,
    number: candidate?.number,
    conference,
    date: today(),
  });
  const result = response.result;
  if ('error' in result) {
    void window.showErrorMessage(result.error);
    return;
  }
  const document = await workspace.openTextDocument({ language: 'resolution', content: result.text });
  const editor = await window.showTextDocument(document, { preview: false });
  const cursor = document.positionAt(result.cursor);
  editor.selection = new Selection(cursor, cursor);
  editor.revealRange(editor.selection);
}

async function compareWith(): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'resolution') {
    void window.showInformationMessage('Open the new version (a .reso file) to compare it with an older one.');
    return;
  }
  const others = workspace.textDocuments.filter((d) => d.languageId === 'resolution' && d !== editor.document && d.uri.scheme !== 'resolution-view');
  const browse = { label: '$(folder-opened) Browse…', description: 'a .reso file', uri: undefined as Uri | undefined };
  const picked = await window.showQuickPick([...others.map((d) => ({ label: workspace.asRelativePath(d.uri), description: 'open', uri: d.uri })), browse], {
    placeHolder: 'Older version to compare this document with (the text in force)',
  });
  if (!picked) return;
  let uri = picked.uri;
  if (!uri) {
    const chosen = await window.showOpenDialog({ canSelectMany: false, filters: { Resolution: ['reso'] }, openLabel: 'Compare with' });
    uri = chosen?.[0];
  }
  if (!uri) return;
  if (!uri.path.endsWith('.reso')) {
    void window.showErrorMessage(`${uri.path} is not a .reso file.`);
    return;
  }
  const older = (await workspace.openTextDocument(uri)).getText();
  const result = compareVersions(older, editor.document.getText());
  if (!result.ok) {
    void window.showErrorMessage(result.message.replace(/^OLD/, workspace.asRelativePath(uri)).replace(/^NEW/, 'This document'));
    return;
  }
  const document = await workspace.openTextDocument({ language: 'resolution', content: result.text });
  await window.showTextDocument(document, { preview: false });
  const notes = result.notes.map((n) => n.replace(/^OLD/, workspace.asRelativePath(uri)).replace(/^NEW/, 'This document'));
  void window.showInformationMessage(`${result.changes} change${result.changes === 1 ? '' : 's'} marked.${notes.length > 0 ? ' ' + notes.join(' ') : ''}`);
}

export function registerProposalCommands(context: ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    commands.registerCommand('resolution.newProposal', () => newProposal(client)),
    commands.registerCommand('resolution.compareWith', () => compareWith()),
  );
}
