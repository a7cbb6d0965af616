/** The folded "Per day" table under a page's summary: one row a day, one column a count. */
export function PerDayTable<Row extends { day: string }>(props: {
  label: string;
  columns: [heading: string, count: (row: Row) => number][];
  rows: Row[];
}) {
  return (
    <details>
      <summary>Per day</summary>
      <div class="table-wrap" tabindex={0} role="region" aria-label={props.label}>
        <table>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              {props.columns.map(([heading]) => (
                <th scope="col">{heading}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>{row.day}</td>
                {props.columns.map(([, count]) => (
                  <td>{count(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
