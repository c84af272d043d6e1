// The first-run walkthrough's sample: a short MOD proposal with revision marks, a clause inserted
// out of sequence (a check and its fix to see) and citations to hover. Opened as an untitled
// document, so nothing is written anywhere until the user saves it.

import { commands, Range, ThemeColor, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';

export const SAMPLE_DT = `---
document: DT/99-E
date: 2018-11-10
original: English
meeting: Plenipotentiary Conference (PP-18), Dubai, 29 October - 16 November 2018
source: Working Group of the Plenary
---

MOD WGPL/99/1

# RESOLUTION 130 (REV. {--BUSAN, 2014--}{++DUBAI, 2018++})

## Strengthening the role of ITU in building confidence and security in the use of information and communication technologies

The Plenipotentiary Conference of the International Telecommunication Union ({--Busan, 2014--}{++Dubai, 2018++}),

*recalling*

a) Resolution 174 (Rev. Busan, 2014) of the Plenipotentiary Conference, on ITU's role with regard to international public policy issues relating to the risk of illicit use of ICTs;
{++b) Resolution 179 (Rev. Dubai, 2018) of this conference, on ITU's role in child online protection;++}
b) Resolution 181 (Rev. Guadalajara, 2010) of the Plenipotentiary Conference, on the definitions and terminology relating to building confidence and security in the use of ICTs,

*resolves*

1 to continue to give this work high priority within ITU, in accordance with its competences and expertise{>>Secretariat: "competences" as in the 2014 text<<};
2 to {~~promote~>foster~~} a culture in which security is seen as a continuous and iterative process, consistent with *recalling* a){--, taking into account Resolution 130 (Rev. Busan, 2014)--}.

Reasons: Updated to reflect the outcomes of WTDC-17 and WTSA-16.
`;

/** Shown on the first line of an empty `.reso` file, as VS Code hints in an empty untitled file. */
export const EMPTY_FILE_HINT = 'Press Ctrl+Space for a skeleton: PP, WTDC or WTSA resolution, DT, MOD/ADD/SUP proposal';

export function registerWalkthrough(context: ExtensionContext): void {
  const hint = window.createTextEditorDecorationType({
    after: { contentText: EMPTY_FILE_HINT, color: new ThemeColor('editorGhostText.foreground'), fontStyle: 'italic' },
  });
  const showHint = (editor: TextEditor | undefined): void => {
    if (!editor || editor.document.languageId !== 'resolution') return;
    const empty = editor.document.getText().trim() === '';
    editor.setDecorations(hint, empty ? [new Range(0, 0, 0, 0)] : []);
  };
  showHint(window.activeTextEditor);
  context.subscriptions.push(
    hint,
    window.onDidChangeActiveTextEditor(showHint),
    workspace.onDidChangeTextDocument((event) => {
      for (const editor of window.visibleTextEditors) if (editor.document === event.document) showHint(editor);
    }),
    commands.registerCommand('resolution.openSample', async () => {
      const document = await workspace.openTextDocument({ language: 'resolution', content: SAMPLE_DT });
      await window.showTextDocument(document, { preview: false });
    }),
  );
}
