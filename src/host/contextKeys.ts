// The `initLab.*` context keys that menus, the palette and keybindings use to show a command only when it can act.
import * as vscode from 'vscode';

export interface ContextState {
  /** Some experiment trains now: Stop can act. */
  running: boolean;
  /** Some panel has results: Re-run and Export can act. */
  hasResults: boolean;
  /** An Init Lab panel is the active editor: its keybindings apply. */
  panelFocused: boolean;
}

export const CONTEXT_KEYS: Readonly<Record<keyof ContextState, string>> = {
  running: 'initLab.running',
  hasResults: 'initLab.hasResults',
  panelFocused: 'initLab.panelFocused',
};

/** Walkthrough steps done by doing, not by a command: each sets its key once (`onContext:` completion events). */
export const MILESTONES = {
  /** A save re-ran an experiment (run-on-save): the edit-and-watch loop. */
  savedAndRan: 'initLab.walkthrough.savedAndRan',
  /** A session with sweep runs finished. */
  sweepRan: 'initLab.walkthrough.sweepRan',
} as const;

/** Sets each key when its value changes (setContext is a command round trip; progress updates come often). */
export class ContextKeys {
  private readonly current: Partial<ContextState> = {};

  update(next: ContextState): void {
    for (const key of Object.keys(CONTEXT_KEYS) as (keyof ContextState)[]) {
      if (this.current[key] === next[key]) continue;
      this.current[key] = next[key];
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS[key], next[key]);
    }
  }

  /** Marks a walkthrough milestone reached (for this window). */
  reached(milestone: keyof typeof MILESTONES): void {
    void vscode.commands.executeCommand('setContext', MILESTONES[milestone], true);
  }

  /** The values last set, for the test API. */
  snapshot(): Partial<ContextState> {
    return { ...this.current };
  }
}
