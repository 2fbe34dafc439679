//! How Go's yaml library (go.yaml.in/yaml/v4, as gopkg.in/yaml.v3 before it) reads a plain scalar (`resolve.go`): null, bool, int, float, timestamp or string. The
//! canonical YAML depends on it twice: a string that would resolve to something else is quoted, and an overlay
//! option decoded into Go's `any` is re-marshalled from its resolved value (`0x10` becomes `16`).

/// What a plain scalar resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    /// Go's `int` (64-bit).
    Int(i64),
    /// An integer above `i64::MAX` (Go decodes it as `uint64`).
    Uint(u64),
    Float(f64),
    /// `2001-12-14`, `2001-12-14T21:59:43.10-05:00`: Go decodes these as `time.Time`.
    Timestamp,
    Str,
}

/// Go yaml `resolve("", text)` for a plain scalar.
pub fn resolve_plain(text: &str) -> Resolved {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        // yaml v4 maps these to negative zero.
        "-0" | "-0.0" => return Resolved::Float(-0.0),
        _ => {}
    }
    let Some(first) = text.bytes().next() else {
        return Resolved::Null;
    };
    match first {
        b'.' => match go_parse_float_underscores(text) {
            Some(f) => Resolved::Float(f),
            None => Resolved::Str,
        },
        b'0'..=b'9' | b'+' | b'-' => {
            if is_timestamp(text) {
                return Resolved::Timestamp;
            }
            let plain: String = text.chars().filter(|&c| c != '_').collect();
            if let Some(v) = go_parse_int(&plain) {
                return v;
            }
            if is_yaml_style_float(&plain) {
                if let Some(f) = go_parse_float(&plain) {
                    return Resolved::Float(f);
                }
            }
            Resolved::Str
        }
        _ => Resolved::Str,
    }
}

/// YAML 1.1 booleans that yaml.v3 quotes when writing a string (`isOldBool`).
pub fn is_old_bool(text: &str) -> bool {
    matches!(
        text,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// YAML 1.1 sexagesimal floats (`190:20:30.15`) that yaml.v3 quotes (`isBase60Float`):
/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
pub fn is_base60_float(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    i += 1;
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
        i += 1;
    }
    let mut grouped = false;
    while b.get(i) == Some(&b':') {
        i += 1;
        // `[0-5]?[0-9]`
        match (b.get(i), b.get(i + 1)) {
            (Some(x @ b'0'..=b'5'), Some(y)) if y.is_ascii_digit() && x.is_ascii_digit() => i += 2,
            (Some(x), _) if x.is_ascii_digit() => i += 1,
            _ => return false,
        }
        grouped = true;
    }
    if !grouped {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// Go `strconv.ParseInt(s, 0, 64)`, then `ParseUint(s, 0, 64)`: sign, `0x`/`0o`/`0b` prefixes, a leading `0`
/// meaning octal.
fn go_parse_int(s: &str) -> Option<Resolved> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.get(..2).map(str::to_ascii_lowercase);
    let (radix, digits) = match lower.as_deref() {
        Some("0x") => (16, &body[2..]),
        Some("0o") => (8, &body[2..]),
        Some("0b") => (2, &body[2..]),
        _ if body.len() > 1 && body.starts_with('0') => (8, &body[1..]),
        _ => (10, body),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        if magnitude <= i64::MAX as u64 + 1 {
            Some(Resolved::Int((magnitude as i64).wrapping_neg()))
        } else {
            None
        }
    } else if magnitude <= i64::MAX as u64 {
        Some(Resolved::Int(magnitude as i64))
    } else {
        Some(Resolved::Uint(magnitude))
    }
}

/// Go `strconv.ParseFloat` on text as written: underscores may separate digits (`.1_000`), as in Go literals.
fn go_parse_float_underscores(s: &str) -> Option<f64> {
    if !s.contains('_') {
        return go_parse_float(s);
    }
    // strconv `underscoreOK`: each underscore between two digits.
    let b = s.as_bytes();
    let ok = b.iter().enumerate().all(|(i, &c)| {
        c != b'_'
            || (i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    if !ok {
        return None;
    }
    go_parse_float(&s.replace('_', ""))
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go `strconv.ParseFloat(s, 64)` for the decimal forms YAML can reach (hex floats and `inf`/`nan` words are
/// out of reach of the callers: a leading `.` or a text matching [`is_yaml_style_float`]).
fn go_parse_float(s: &str) -> Option<f64> {
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Go yaml `parseTimestamp`: four digits and `-`, then one of Go's layouts `2006-1-2T15:4:5.999999999Z07:00`,
/// `2006-1-2t15:4:5.999999999Z07:00`, `2006-1-2 15:4:5.999999999`, `2006-1-2`.
pub fn is_timestamp(s: &str) -> bool {
    timestamp_rfc3339(s).is_some()
}

/// A timestamp as Go writes a decoded `time.Time` back (`time.RFC3339Nano`: two-digit fields, the fraction
/// without trailing zeros, `Z` for a zero offset and for no zone at all); `None` when the text is not one.
pub fn timestamp_rfc3339(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    let year: u32 = s.get(..4)?.parse().ok()?;
    let mut i = 5;
    // One or two digits (Go's `1`, `2`, `15`, `4`, `5` layout elements), at most `max`.
    let num = |i: &mut usize, max: u32| -> Option<u32> {
        let start = *i;
        while *i - start < 2 && b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        let v: u32 = s.get(start..*i)?.parse().ok()?;
        (v <= max).then_some(v)
    };
    let month = num(&mut i, 12).filter(|&m| m >= 1)?;
    if b.get(i) != Some(&b'-') {
        return None;
    }
    i += 1;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day = num(&mut i, days).filter(|&d| d >= 1)?;
    let date = format!("{year:04}-{month:02}-{day:02}");
    if i == b.len() {
        return Some(format!("{date}T00:00:00Z"));
    }
    let zone_allowed = match b.get(i) {
        Some(b'T' | b't') => true,
        Some(b' ') => false,
        _ => return None,
    };
    i += 1;
    let hour = num(&mut i, 23)?;
    let mut rest = [0u32; 2];
    for v in &mut rest {
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        *v = num(&mut i, 59)?;
    }
    let mut fraction = "";
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while i - start < 9 && b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        fraction = s.get(start..i)?.trim_end_matches('0');
    }
    let zone = if i == b.len() {
        "Z".to_string()
    } else {
        if !zone_allowed {
            return None;
        }
        match b.get(i) {
            Some(b'Z') if i + 1 == b.len() => "Z".to_string(),
            Some(b'+' | b'-') => {
                let offset = s.get(i..)?;
                let r = offset.as_bytes();
                let ok = r.len() == 6
                    && r[3] == b':'
                    && [1, 2, 4, 5].iter().all(|&k| r[k].is_ascii_digit());
                if !ok {
                    return None;
                }
                if &offset[1..] == "00:00" {
                    "Z".to_string()
                } else {
                    offset.to_string()
                }
            }
            _ => return None,
        }
    };
    let dot = if fraction.is_empty() { "" } else { "." };
    Some(format!(
        "{date}T{hour:02}:{:02}:{:02}{dot}{fraction}{zone}",
        rest[0], rest[1]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_go_yaml_v3() {
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("True"), Resolved::Bool(true));
        assert_eq!(resolve_plain("yes"), Resolved::Str);
        assert_eq!(resolve_plain("0x0a"), Resolved::Int(10));
        assert_eq!(resolve_plain("0o17"), Resolved::Int(15));
        assert_eq!(resolve_plain("010"), Resolved::Int(8));
        assert_eq!(resolve_plain("08"), Resolved::Float(8.0));
        assert_eq!(resolve_plain("1_000"), Resolved::Int(1000));
        assert_eq!(resolve_plain("-12"), Resolved::Int(-12));
        assert_eq!(resolve_plain("+12"), Resolved::Int(12));
        assert!(
            matches!(resolve_plain("-0"), Resolved::Float(f) if f == 0.0 && f.is_sign_negative())
        );
        assert_eq!(
            resolve_plain("18446744073709551615"),
            Resolved::Uint(u64::MAX)
        );
        assert_eq!(resolve_plain("1.5e3"), Resolved::Float(1500.0));
        assert_eq!(resolve_plain(".5"), Resolved::Float(0.5));
        assert_eq!(resolve_plain(".1_000"), Resolved::Float(0.1));
        assert_eq!(resolve_plain("._1"), Resolved::Str);
        assert_eq!(resolve_plain(".1_"), Resolved::Str);
        assert_eq!(resolve_plain("1.2.3"), Resolved::Str);
        assert_eq!(resolve_plain("2001-12-14"), Resolved::Timestamp);
        assert_eq!(
            resolve_plain("2001-12-14t21:59:43.10-05:00"),
            Resolved::Timestamp
        );
        assert_eq!(resolve_plain("2001-13-14"), Resolved::Str);
        assert_eq!(resolve_plain("2023-02-29"), Resolved::Str);
        assert_eq!(resolve_plain("v1.9.2"), Resolved::Str);
        assert_eq!(resolve_plain("-"), Resolved::Str);
        assert_eq!(resolve_plain("+"), Resolved::Str);
        // `0` alone is decimal, not an octal prefix; `0b` is binary; i64's least value is an int; a sign after a
        // prefix is no number (Rust's `from_str_radix` would take it, Go's `ParseInt` does not).
        assert_eq!(resolve_plain("0"), Resolved::Int(0));
        assert_eq!(resolve_plain("0b101"), Resolved::Int(5));
        assert_eq!(
            resolve_plain("-9223372036854775808"),
            Resolved::Int(i64::MIN)
        );
        assert_eq!(resolve_plain("0x+1"), Resolved::Str);
        assert_eq!(resolve_plain("-.5"), Resolved::Float(-0.5));
    }

    /// What yaml.v3 takes for a timestamp (and so quotes in a string): real dates only (leap years by the
    /// Gregorian rule, 30-day months), one or two digits a field, at most nine of a fraction, a zone as Go reads it.
    #[test]
    fn timestamps_are_real_dates_in_go_s_layouts() {
        for yes in [
            "2000-02-29",
            "2024-02-29",
            "2001-04-30",
            "2001-12-14t21:59:43.123456789Z",
            "2001-12-14t21:59:43+05:30",
        ] {
            assert!(is_timestamp(yes), "{yes}");
        }
        for no in [
            "1900-02-29",
            "2001-04-31",
            "2001-06-31",
            "2001-09-31",
            "2001-11-31",
            "2001x12-1",
            "2001-012-1",
            "2001-12-14t21:59:43.1234567891Z",
            // A zone is `Z` at the end or `±hh:mm`.
            "2001-12-14t21:59:43Zx",
            "2001-12-14t21:59:43+05000",
            "2001-12-14t21:59:43+0530",
        ] {
            assert!(!is_timestamp(no), "{no}");
        }
    }

    /// yaml.v3's `isBase60Float` (`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`): such a string is quoted.
    #[test]
    fn base_60_floats_as_yaml_v3_sees_them() {
        for yes in ["1:20", "+1:20", "-1:20", "190:20:30.15", "1:20.5_0", "1:5"] {
            assert!(is_base60_float(yes), "{yes}");
        }
        for no in ["1:2a", "1:a", "1:", ":20", "1:60", "a1:20", "1:20.5x"] {
            assert!(!is_base60_float(no), "{no}");
        }
    }

    #[test]
    fn timestamps_written_back_like_go() {
        assert_eq!(
            timestamp_rfc3339("2024-1-2").as_deref(),
            Some("2024-01-02T00:00:00Z")
        );
        assert_eq!(
            timestamp_rfc3339("2001-12-14t21:59:43.10-05:00").as_deref(),
            Some("2001-12-14T21:59:43.1-05:00")
        );
        assert_eq!(
            timestamp_rfc3339("2001-12-14 21:59:43.000").as_deref(),
            Some("2001-12-14T21:59:43Z")
        );
        assert_eq!(
            timestamp_rfc3339("2001-12-14T1:2:3+00:00").as_deref(),
            Some("2001-12-14T01:02:03Z")
        );
        assert_eq!(timestamp_rfc3339("2001-12-14 21:59:43Z"), None);
        assert_eq!(timestamp_rfc3339("2001-12-14T25:00:00Z"), None);
        assert_eq!(
            timestamp_rfc3339("2024-02-29").as_deref(),
            Some("2024-02-29T00:00:00Z")
        );
    }

    #[test]
    fn base60() {
        assert!(is_base60_float("190:20:30.15"));
        assert!(is_base60_float("1:2"));
        assert!(!is_base60_float("1:"));
        assert!(!is_base60_float("a:1"));
        assert!(!is_base60_float("1:99"));
    }
}
