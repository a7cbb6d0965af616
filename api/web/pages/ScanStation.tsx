import { Layout } from './Layout.js';
import type { Viewer } from './viewer.js';

const READ_FIELDS = [
  { id: 'gtin', ai: '01', label: 'GTIN' },
  { id: 'product', ai: '', label: 'Product' },
  { id: 'lot', ai: '10', label: 'Lot' },
  { id: 'exp', ai: '17', label: 'Expiry' },
  { id: 'serial', ai: '21', label: 'Serial' },
] as const;

/** The returns desk: one input a keyboard-wedge scanner types into, the answer big, the session's scans. */
export function ScanStationPage(props: { viewer: Viewer; canRegisterDevice: boolean }) {
  return (
    <Layout title="Scan station" viewer={props.viewer} path="/scan" scripts={['scan.js']}>
      <h1 class="visually-hidden">Scan station</h1>
      <form id="scan-form" class="scan" autocomplete="off">
        <label for="barcode">Scan a pack</label>
        <div class="scan-row">
          <input
            id="barcode"
            name="barcode"
            autofocus
            spellcheck={false}
            autocapitalize="off"
            aria-describedby="scan-help"
          />
          <button type="submit">Verify</button>
          <button type="button" id="camera" class="secondary" hidden>
            Camera
          </button>
        </div>
        <p id="scan-help" class="help">
          The scanner types the GS1 DataMatrix and Enter. Typed or pasted codes work too: (01)…(17)…(10)…(21)… or a
          Digital Link.
        </p>
      </form>
      <div id="camera-box" class="camera" hidden>
        <video id="camera-view" playsinline muted aria-label="Camera view"></video>
        <button type="button" id="camera-stop" class="secondary">
          Stop camera
        </button>
      </div>

      <section id="answer" class="answer idle" aria-live="assertive" aria-atomic="true">
        <p id="verdict" class="verdict">
          Ready to scan
        </p>
        <p id="reason" class="reason"></p>
        <ul id="info" class="info"></ul>
      </section>
      <ul id="hints" class="hints" aria-live="polite" aria-label="Hints about this scan" hidden></ul>

      <section aria-labelledby="read-title">
        <h2 id="read-title">What was read</h2>
        <dl id="read" class="read">
          {READ_FIELDS.map((f) => (
            <div data-field={f.id} data-ai={f.ai}>
              <dt>{f.ai ? `${f.label} (${f.ai})` : f.label}</dt>
              <dd id={`read-${f.id}`}>—</dd>
            </div>
          ))}
        </dl>
      </section>

      <details class="manual">
        <summary>Manual entry and scanner settings</summary>
        <form id="manual-form" class="grid">
          <label for="m-gtin">GTIN (14 digits)</label>
          <input id="m-gtin" name="gtin" inputmode="numeric" required pattern="[0-9]{14}" />
          <label for="m-serial">Serial</label>
          <input id="m-serial" name="serial" required />
          <label for="m-lot">Lot</label>
          <input id="m-lot" name="lot" required />
          <label for="m-exp">Expiry (YYMMDD)</label>
          <input id="m-exp" name="exp" inputmode="numeric" required pattern="[0-9]{6}" />
          <ul
            id="manual-hints"
            class="hints wide"
            aria-live="polite"
            aria-label="Hints about what was typed"
            hidden
          ></ul>
          <span></span>
          <button type="submit">Verify these</button>
        </form>
        <form id="settings-form" class="grid">
          <label for="gs-sub">GS substitute the scanner sends</label>
          <input id="gs-sub" name="gsSubstitute" value="<GS>" maxlength={8} aria-describedby="gs-help" />
          <p id="gs-help" class="help wide">
            Scanners send the group separator as ASCII 29 (or Ctrl+]); set the text yours sends instead, if any.
          </p>
        </form>
        {props.canRegisterDevice && (
          <div class="device">
            <p id="device-state" class="help"></p>
            <button type="button" id="device-register" class="secondary">
              Keep this handheld signed in
            </button>
          </div>
        )}
      </details>

      <section aria-labelledby="session-title">
        <div class="section-head">
          <h2 id="session-title">This session</h2>
          <p id="counts" aria-live="polite">
            0 scans
          </p>
          <button type="button" id="download" class="secondary">
            Download CSV
          </button>
        </div>
        <div class="table-wrap" tabindex={0} role="region" aria-labelledby="session-title">
          <table id="scans">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Answer</th>
                <th scope="col">GTIN</th>
                <th scope="col">Lot</th>
                <th scope="col">Expiry</th>
                <th scope="col">Serial</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody></tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
