import { Layout } from './Layout.js';
import type { Viewer } from './viewer.js';

/** Master-data rules as JSON, with a preview of what they would exclude before they are saved. */
export function ProducerRulesPage(props: { viewer: Viewer; rulesJson: string }) {
  return (
    <Layout title="Data rules" viewer={props.viewer} path="/producer/rules" scripts={['rules.js']}>
      <h1>Master-data rules</h1>
      <p class="help" id="rules-help">
        {
          '{"include": [clauses], "exclude": [clauses]}; a clause sets any of gtinPrefix, brandName, targetMarket (all must match). An empty include selects every product. Saved rules apply from the next sync.'
        }
      </p>
      <form id="rules-form">
        <label for="rules">Rules (JSON)</label>
        <textarea id="rules" name="rules" rows={10} spellcheck={false} aria-describedby="rules-help">
          {props.rulesJson}
        </textarea>
        <div class="actions">
          <button type="button" id="rules-preview" class="secondary">
            Preview
          </button>
          <button type="submit">Save</button>
        </div>
      </form>
      <div id="rules-result" role="status" class="notice" hidden></div>
      <ul id="rules-examples" class="examples"></ul>
    </Layout>
  );
}
