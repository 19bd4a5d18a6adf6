/** The agency a new user or API key belongs to, among those this administrator may reach. */
export const AgencySelect = ({ id, agencies, value, onChange }: { id: string; agencies: readonly { ori: string; name: string }[]; value: string; onChange: (ori: string) => void }) => (
  <div className="usa-form-group">
    <label className="usa-label" htmlFor={id}>
      Agency
    </label>
    <select className="usa-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {agencies.map((a) => (
        <option key={a.ori} value={a.ori}>
          {a.name} ({a.ori})
        </option>
      ))}
    </select>
  </div>
);
