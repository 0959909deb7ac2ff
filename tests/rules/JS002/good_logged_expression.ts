// Synthetic code; every value is fake. Hard negatives: ids, statuses and conditions.
export function match(patient: Patient, person: Person): void {
  const precision = person.birthdateEstimated ? "estimated" : "exact";
  console.log("birthdate precision", precision);
  console.log("address row", person.getAddressId(), person.addressUuid);
  console.log("patient", patient.getUuid(), patient.uuid);
  const result = diagnoseNoMatch(patient);
  console.log("decision", result.status, result.getReason());
}

// A callback reads phone numbers, but the call returns a row count: the count is logged.
export async function countUsers(tenantId: string): Promise<number> {
  const phoneNumbers: string[] = [];
  const userRowTotal = await forEachSheetDataPage(
    tenantId,
    (rows) => {
      for (const row of rows) {
        const rowJson = row?.rowjson || {};
        const phone = rowJson[PHONE_KEY];
        const trimmed = phone ? String(phone).trim() : null;
        if (trimmed) phoneNumbers.push(trimmed);
      }
    }
  );
  logger.info(`Found ${userRowTotal} records in users sheet`);
  const pages = walkPages(tenantId, function (page) { return page.patient.email; });
  logger.info(`walked ${pages}`);
  return userRowTotal;
}
