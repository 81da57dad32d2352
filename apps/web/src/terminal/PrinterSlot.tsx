import { useRef } from 'react';
import { printSlip, saveSlipPng } from './slip-output.js';
import { slipRuns, slipTitle } from './slip-text.js';
import type { SlotEntry } from './slot-printer.js';

interface PrinterSlotProps {
  readonly slips: readonly SlotEntry[];
  readonly paperOut: boolean;
  readonly onPaperOut: (paperOut: boolean) => void;
  readonly onTake: () => void;
}

function SlipLine({ line }: { readonly line: string }) {
  return (
    <span className="slip-line">
      {slipRuns(line).map((run, index) =>
        run.wide ? (
          <span key={index} className="wide">
            {run.text}
          </span>
        ) : (
          run.text
        ),
      )}
      {'\n'}
    </span>
  );
}

function PrintedSlip({ entry }: { readonly entry: SlotEntry }) {
  const paper = useRef<HTMLPreElement>(null);
  const title = slipTitle(entry.slip);
  return (
    <article className="slip" aria-label={title}>
      <pre className="slip-paper" ref={paper}>
        {entry.slip.lines.map((line, index) => (
          <SlipLine key={index} line={line} />
        ))}
      </pre>
      <div className="slip-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (paper.current !== null) printSlip(paper.current);
          }}
        >
          打印 <span lang="en">Print</span>
        </button>
        <button type="button" className="button" onClick={() => saveSlipPng(entry.slip, entry.sequence)}>
          存为图片 <span lang="en">Save PNG</span>
        </button>
      </div>
    </article>
  );
}

function MissedSlip({ entry }: { readonly entry: SlotEntry }) {
  return (
    <p className="slip-missed">
      缺纸未打印：{slipTitle(entry.slip)}。装纸后在“8 打印”中重打。
      <br />
      <span lang="en">Not printed (paper out). Reprint it from menu 8 once there is paper.</span>
    </p>
  );
}

/**
 * The printer slot: slips as they come out, newest on top, each to print (just that slip) or save as
 * PNG; the 缺纸 Paper out switch for the person testing; 取走凭条 takes the paper away.
 */
export function PrinterSlot({ slips, paperOut, onPaperOut, onTake }: PrinterSlotProps) {
  return (
    <section className="printer" aria-label="打印机 Printer">
      <div className="printer-controls">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={paperOut}
            aria-label="缺纸 Paper out"
            onChange={(event) => onPaperOut(event.currentTarget.checked)}
          />
          <span aria-hidden="true">缺纸 Paper out</span>
        </label>
        <button type="button" className="button" onClick={onTake} disabled={slips.length === 0}>
          取走凭条 <span lang="en">Take slips</span>
        </button>
      </div>
      <div className={`printer-mouth${paperOut ? ' empty' : ''}`} aria-hidden="true" />
      {slips.length === 0 ? (
        <p className="panel-note">还没有凭条 · No slips yet</p>
      ) : (
        <div className="slips">
          {slips.map((entry) =>
            entry.paperOut ? (
              <MissedSlip key={entry.sequence} entry={entry} />
            ) : (
              <PrintedSlip key={entry.sequence} entry={entry} />
            ),
          )}
        </div>
      )}
    </section>
  );
}
