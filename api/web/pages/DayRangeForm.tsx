/** Picks the UTC days a page shows, both ends inclusive; submits to the page itself. */
export function DayRangeForm(props: { action: string; from: string; to: string }) {
  return (
    <form method="get" action={props.action} class="actions">
      <label for="from">From (UTC day)</label>
      <input id="from" name="from" type="date" value={props.from} required />
      <label for="to">To (UTC day, inclusive)</label>
      <input id="to" name="to" type="date" value={props.to} required />
      <button type="submit">Show</button>
    </form>
  );
}
