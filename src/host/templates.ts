// The experiment templates: the `examples/*.initexp.json` files shipped in the extension's folder.
import * as vscode from 'vscode';
import { isExperimentFileName } from '../core/experiment/fileName';

export interface Template {
  uri: vscode.Uri;
  fileName: string;
  name: string;
  description: string;
  text: string;
}

/** The course notebook comes first: it is the experiment the course itself runs. */
const FIRST = 'notebook.initexp.json';

export async function listTemplates(extensionUri: vscode.Uri): Promise<Template[]> {
  const dir = vscode.Uri.joinPath(extensionUri, 'examples');
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const files = entries
    .filter(([name, type]) => type === vscode.FileType.File && isExperimentFileName(name))
    .map(([name]) => name)
    .sort((a, b) => (a === FIRST ? -1 : b === FIRST ? 1 : a.localeCompare(b)));
  const templates: Template[] = [];
  for (const fileName of files) {
    const uri = vscode.Uri.joinPath(dir, fileName);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    let name = fileName;
    let description = '';
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json === 'object' && json !== null) {
        const o = json as { name?: unknown; description?: unknown };
        if (typeof o.name === 'string') name = o.name;
        if (typeof o.description === 'string') description = o.description;
      }
    } catch {
      // A template that is not plain JSON is still offered, under its file name.
    }
    templates.push({ uri, fileName, name, description, text });
  }
  return templates;
}

/** The template with this file name, if the extension ships it. */
export async function findTemplate(extensionUri: vscode.Uri, fileName: string): Promise<Template | undefined> {
  return (await listTemplates(extensionUri)).find((t) => t.fileName === fileName);
}

export async function pickTemplate(extensionUri: vscode.Uri, placeHolder: string): Promise<Template | undefined> {
  const templates = await listTemplates(extensionUri);
  if (templates.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No example experiments were found in the extension.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    templates.map((t) => ({ label: t.name, description: t.fileName, detail: t.description, template: t })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.template;
}
