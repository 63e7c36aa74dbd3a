//! How customers are recognised: phone numbers and e-mails in one comparable form.

/// Digits only, with a country prefix (+86, 0086, +1) stripped: `+86 139-1234-5678` and
/// `13912345678` are the same number. `None` when there are too few digits to be a phone.
pub fn normalise_phone(text: &str) -> Option<String> {
    let trimmed = text.trim_start();
    // `1-555-010-2233`, `1 (555) 010-2233`: North America's trunk 1, set apart from the rest as
    // a Chinese mobile's first digit never is (`139 1234 5678`).
    let trunk_one = trimmed.starts_with('1') && trimmed[1..].starts_with([' ', '-', '.', '(']);
    let had_plus = trimmed.starts_with('+') || trunk_one;
    let mut digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    // `00` then a country code (which never starts with 0): an international number.
    if let Some(rest) = digits.strip_prefix("00").filter(|r| r.starts_with(|c: char| c != '0')) {
        digits = rest.to_string();
        return strip_country(digits, true);
    }
    strip_country(digits, had_plus)
}

fn strip_country(digits: String, international: bool) -> Option<String> {
    // A national number after a country code never starts with 0 (China's trunk 0 is dropped
    // after +86, and no North American area code starts with 0): one that would is not one.
    let national_after = |rest: &str| !rest.starts_with('0');
    let national = if international {
        if let Some(rest) = digits.strip_prefix("86").filter(|r| r.len() >= 8 && national_after(r)) {
            rest.to_string()
        } else if let Some(rest) = digits.strip_prefix('1').filter(|r| r.len() == 10 && national_after(r)) {
            rest.to_string()
        } else {
            digits
        }
    } else if digits.len() == 13 && digits.starts_with("86") && national_after(&digits[2..]) {
        digits[2..].to_string()
    } else {
        digits
    };
    (national.len() >= 6).then_some(national)
}

/// The phones a cell holds: one, or several written together (`555-0100, 555-0101`,
/// `139 1234 5678 / 021-6234 5678`, `电话1；电话2`). A part too short to be a phone on its own
/// (an extension, `ext. 12`) stays with the number before it.
pub fn phones_in(cell: &str) -> Vec<&str> {
    const MARKS: [char; 7] = [',', ';', '/', '、', '，', '；', '|'];
    if !cell.contains(MARKS) {
        return vec![cell.trim()].into_iter().filter(|p| !p.is_empty()).collect();
    }
    let parts: Vec<&str> = cell.split(MARKS).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && parts.iter().all(|p| normalise_phone(p).is_some()) {
        parts
    } else {
        vec![cell.trim()].into_iter().filter(|p| !p.is_empty()).collect()
    }
}

/// Whether a phone was turned into a number by a spreadsheet: `1.39123E+10`, whose last
/// digits are gone.
pub fn written_as_a_number(text: &str) -> bool {
    let t = text.trim();
    let Some((mantissa, exponent)) = t.split_once(['e', 'E']) else { return false };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// The first e-mail address a cell holds: one, several (`a@x.com; b@y.com`), one written as
/// a link (`mailto:a@x.com`) or with its name (`John Smith <john@x.com>`). Lower case.
pub fn email_in(cell: &str) -> Option<String> {
    cell.split([',', ';', ' ', '，', '；', '\t'])
        .map(|part| part.trim().trim_start_matches("mailto:").trim_matches(['<', '>', '"', '\'', '(', ')']))
        .find(|part| part.contains('@') && contact(part, "").is_ok())
        .map(str::to_lowercase)
}

/// A person as CRMs write an associated contact, `Eve Stone (eve@echo.io)`: the name, and the
/// e-mail when the brackets hold one.
pub fn name_and_email(cell: &str) -> (String, Option<String>) {
    let t = cell.trim();
    if let Some((name, rest)) = t.strip_suffix(')').and_then(|t| t.rsplit_once('('))
        && let Some(email) = email_in(rest)
        && !name.trim().is_empty()
    {
        return (name.trim().to_string(), Some(email));
    }
    (t.to_string(), None)
}

/// A name without the record id a CRM writes after it, `Acme Corp (1234567)`.
pub fn without_record_id(cell: &str) -> &str {
    let t = cell.trim();
    match t.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((name, id)) if !name.trim().is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            name.trim()
        }
        _ => t,
    }
}

/// Lower-cased and trimmed, for comparing e-mails.
pub fn normalise_email(text: &str) -> Option<String> {
    let e = text.trim().to_lowercase();
    (e.contains('@')).then_some(e)
}

/// An e-mail and a phone as typed, checked: blank is none; an e-mail needs an `@`, a phone a digit.
pub fn contact(email: &str, phone: &str) -> Result<(Option<String>, Option<String>), super::rep::ValidationError> {
    use super::rep::ValidationError;
    let some = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    let (email, phone) = (some(email), some(phone));
    if let Some(e) = &email
        && (!e.contains('@') || e.contains(' '))
    {
        return Err(ValidationError::value("email", "invalid.email", e));
    }
    if let Some(p) = &phone
        && !p.chars().any(|c| c.is_ascii_digit())
    {
        return Err(ValidationError::value("phone", "invalid.phone", p));
    }
    Ok((email, phone))
}

/// Name and company as one key, the third way a duplicate is recognised. Written so that
/// SQLite's `lower(trim(…))` makes the same key (ASCII case, spaces at the ends).
pub fn name_company_key(name: &str, company: Option<&str>) -> String {
    let part = |s: &str| s.trim_matches(' ').to_ascii_lowercase();
    format!("{}|{}", part(name), part(company.unwrap_or("")))
}

/// How a new lead matched one already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    Phone,
    Email,
    NameAndCompany,
    /// The same name, where neither has a phone, an e-mail or a company.
    NameAlone,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_north_american_number_is_one_however_its_trunk_one_is_written() {
        let n = normalise_phone("+1 (555) 010-2233");
        assert_eq!(n.as_deref(), Some("5550102233"));
        assert_eq!(normalise_phone("1-555-010-2233"), n);
        assert_eq!(normalise_phone("1 (555) 010-2233"), n);
        assert_eq!(normalise_phone("555-010-2233"), n);
        // A Chinese mobile keeps its leading 1.
        assert_eq!(normalise_phone("139 1234 5678").as_deref(), Some("13912345678"));
        assert_eq!(normalise_phone("13912345678").as_deref(), Some("13912345678"));
        assert_eq!(normalise_phone("+86 139 1234 5678").as_deref(), Some("13912345678"));
    }

    #[test]
    fn associated_records_as_crms_write_them() {
        assert_eq!(name_and_email("Eve Stone (eve@echo.io)"), ("Eve Stone".into(), Some("eve@echo.io".into())));
        assert_eq!(name_and_email("Eve (Evie) Stone"), ("Eve (Evie) Stone".into(), None));
        assert_eq!(without_record_id("Acme Corp (1234567)"), "Acme Corp");
        assert_eq!(without_record_id("Acme (Asia)"), "Acme (Asia)");
    }

    #[test]
    fn the_e_mail_a_cell_holds() {
        assert_eq!(email_in("Jane@Sample.com").as_deref(), Some("jane@sample.com"));
        assert_eq!(email_in("jane@sample.com, j.s@gmail.com").as_deref(), Some("jane@sample.com"));
        assert_eq!(email_in("jane@sample.com;other@x.com").as_deref(), Some("jane@sample.com"));
        assert_eq!(email_in("mailto:e3@c3.com").as_deref(), Some("e3@c3.com"));
        assert_eq!(email_in("John Smith <john@c4.com>").as_deref(), Some("john@c4.com"));
        assert_eq!(email_in("not an e-mail"), None);
    }

    #[test]
    fn a_phone_a_spreadsheet_made_a_number() {
        assert!(written_as_a_number("1.39123E+10"));
        assert!(written_as_a_number("1.39E10"));
        assert!(!written_as_a_number("139 1234 5678"));
        assert!(!written_as_a_number("+1 555-0100 ext 2"));
        assert!(!written_as_a_number("E+10"));
    }

    #[test]
    fn several_phones_in_one_cell() {
        assert_eq!(phones_in("+1 555-040-0004, +1 555-040-0014"), ["+1 555-040-0004", "+1 555-040-0014"]);
        assert_eq!(phones_in("139 1234 5678 / 021-6234 5678"), ["139 1234 5678", "021-6234 5678"]);
        assert_eq!(phones_in("13912345678；13800000002"), ["13912345678", "13800000002"]);
        assert_eq!(phones_in("555-0100, ext 12"), ["555-0100, ext 12"], "an extension is no phone of its own");
        assert_eq!(phones_in(" 555 0100 "), ["555 0100"]);
        assert!(phones_in("  ").is_empty());
    }

    #[test]
    fn the_same_number_written_many_ways() {
        for written in ["+86 139 1234 5678", "139-1234-5678", "0086 13912345678", "8613912345678", "(139) 1234 5678"] {
            assert_eq!(normalise_phone(written).as_deref(), Some("13912345678"), "{written}");
        }
        assert_eq!(normalise_phone("+1 555-123-4567").as_deref(), Some("5551234567"));
        assert_eq!(normalise_phone("555 123 4567").as_deref(), Some("5551234567"));
        assert_eq!(normalise_phone("ext 12"), None);
    }

    #[test]
    fn name_and_company_key() {
        assert_eq!(name_company_key(" Tom Baker ", Some("Baker & Sons")), "tom baker|baker & sons");
        assert_eq!(name_company_key("王伟", None), "王伟|");
    }

    #[test]
    fn emails_compare_lower_case() {
        assert_eq!(normalise_email(" Wang@Example.CN ").as_deref(), Some("wang@example.cn"));
        assert_eq!(normalise_email("nope"), None);
    }
}
