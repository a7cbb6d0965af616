import type { Child } from 'hono/jsx';
import { Layout } from './Layout.js';
import type { Viewer } from './viewer.js';

/**
 * One rules document as JSON: rules.js saves it with PUT `put`, and previews it with POST
 * `preview` where the API has a preview; `previewNote` says so where it has none.
 */
function RulesEditor(props: {
  id: string;
  title: string;
  help: Child;
  json: string;
  put: string;
  preview?: string;
  previewNote?: string;
  saved: string;
}) {
  const { id } = props;
  return (
    <section aria-labelledby={`${id}-title`} class="rules-section">
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p class="help" id={`${id}-help`}>
        {props.help}
      </p>
      <form class="rules-editor" data-put={props.put} data-preview={props.preview} data-saved={props.saved}>
        <label for={`${id}-json`}>{`${props.title} (JSON)`}</label>
        <textarea
          id={`${id}-json`}
          name="rules"
          rows={10}
          spellcheck={false}
          aria-describedby={`${id}-help${props.previewNote ? ` ${id}-no-preview` : ''}`}
          data-role="json"
        >
          {props.json}
        </textarea>
        <div class="actions">
          {props.preview && (
            <button type="button" class="secondary" data-role="preview">
              Preview<span class="visually-hidden">{` the ${props.title.toLowerCase()}`}</span>
            </button>
          )}
          <button type="submit">
            Save<span class="visually-hidden">{` the ${props.title.toLowerCase()}`}</span>
          </button>
          {props.previewNote && (
            <span class="help" id={`${id}-no-preview`}>
              {props.previewNote}
            </span>
          )}
        </div>
        <div role="status" class="notice" data-role="result" hidden></div>
        <ul class="examples" data-role="examples"></ul>
      </form>
    </section>
  );
}

const PACK_FIELDS = [
  { name: 'gtin', label: 'GTIN (14 digits)', pattern: '[0-9]{14}', numeric: true },
  { name: 'serial', label: 'Serial' },
  { name: 'lot', label: 'Lot' },
  { name: 'exp', label: 'Expiry (YYMMDD)', pattern: '[0-9]{6}', numeric: true },
] as const;

/** The producer's three rule sets, each edited as JSON, and a self-verification to see their effect. */
export function ProducerRulesPage(props: {
  viewer: Viewer;
  rulesJson: string;
  responseJson: string;
  serialJson: string;
}) {
  return (
    <Layout title="Rules" viewer={props.viewer} path="/producer/rules" scripts={['rules.js', 'selfVerify.js']}>
      <h1>Rules</h1>
      <nav aria-label="On this page" class="on-page">
        <ul>
          <li>
            <a href="#master-title">Master-data rules</a>
          </li>
          <li>
            <a href="#response-title">Response rules</a>
          </li>
          <li>
            <a href="#serial-title">Serial rules</a>
          </li>
          <li>
            <a href="#verify-title">Self-verify a pack</a>
          </li>
        </ul>
      </nav>
      <RulesEditor
        id="master"
        title="Master-data rules"
        help='{"include": [clauses], "exclude": [clauses]}; a clause sets any of gtinPrefix, brandName, targetMarket (all must match). An empty include selects every product. Saved rules apply from the next sync.'
        json={props.rulesJson}
        put="/v1/rules/master-data"
        preview="/v1/rules/master-data/preview"
        saved="Saved: they apply from the next master-data sync."
      />
      <RulesEditor
        id="response"
        title="Response rules"
        help='{"rules": {switches}, "overrides": [{"gtin": "…", "rules": {switches}}]}; switches: sendFailureReason, sendExpiredStatus, validWhenExpired, sendRecalledStatus, validWhenRecalled, sendSuspectStatus, checkExpirationDay (true or false; a switch left out keeps its default). An override replaces the switches it sets for one GTIN; saving replaces every override. They apply to the next verification.'
        json={props.responseJson}
        put="/v1/rules/response"
        preview="/v1/rules/response/preview"
        saved="Saved: the next verification answers under them."
      />
      <RulesEditor
        id="serial"
        title="Serial rules"
        help='{"enabled": true or false, "include": [clauses]}; a clause sets any of gtin, lot, status (all must match); an empty include selects every serial. Serial sync is off until enabled. New serial events follow saved rules at once, serials already stored at the next backfill.'
        json={props.serialJson}
        put="/v1/rules/serials"
        previewNote="The API has no preview of serial rules: the next serial backfill counts what they select."
        saved="Saved: new serial events follow them now; start a serial backfill for the serials already stored."
      />

      <section aria-labelledby="verify-title" class="rules-section">
        <h2 id="verify-title">Self-verify a pack</h2>
        <p class="help" id="verify-help">
          Ask vrs about one of your packs as a returns desk would: the answer comes from the network's read tables under
          your saved response rules, and is recorded in your history (channel web).
        </p>
        <form id="verify-form" class="grid" aria-describedby="verify-help">
          {PACK_FIELDS.map((f) => (
            <>
              <label for={`v-${f.name}`}>{f.label}</label>
              <input
                id={`v-${f.name}`}
                name={f.name}
                required
                pattern={'pattern' in f ? f.pattern : undefined}
                inputmode={'numeric' in f ? 'numeric' : undefined}
                spellcheck={false}
                autocomplete="off"
              />
            </>
          ))}
          <span></span>
          <button type="submit">Verify this pack</button>
        </form>
        <section id="verify-answer" class="answer small idle" aria-live="polite" aria-atomic="true" aria-label="Answer">
          <p class="verdict" data-role="verdict">
            No pack asked about yet
          </p>
          <p class="reason" data-role="reason"></p>
          <ul class="info" data-role="info"></ul>
        </section>
      </section>
    </Layout>
  );
}
