//! The share-link format: a [`Session`]'s text inputs, Talos version and view settings in a compact binary body,
//! compressed by the browser, in the URL fragment (`#s=…`, never sent to a server). Local storage keeps the same
//! body uncompressed. `docs/architecture.md` documents the layout; this file is its definition.
//!
//! ```text
//! link     = "#s=" base64url(VERSION, deflate-raw(body))
//! stored   =       base64url(VERSION, body)
//! body     = flags:u8  talos_version:str  count:varint  count × (name:str  text:str)
//! flags    = bit 0: findings grouped by rule (else by node); other bits must be 0
//! str      = length:varint  UTF-8 bytes
//! varint   = unsigned LEB128, at most 32 bits
//! ```
//!
//! Written and read with the page's byte codec (`codec.rs`, shared with the worker's report form).
//!
//! Byte inputs (zip bundles, `.age` files) are left out: they are neither shared nor stored.

use std::rc::Rc;

use super::base64url;
use crate::codec::{Reader, Writer};
use crate::model::session::{GroupBy, Session, SessionContent, SessionInput, ViewSettings};

/// The first byte of every link and every stored session; a new layout gets a new number.
pub const VERSION: u8 = 1;
/// How a share link's fragment starts.
pub const PREFIX: &str = "#s=";
/// The largest body a link may unpack to (the analysis refuses larger inputs anyway): a guard against links made
/// to inflate without end.
pub const MAX_BODY_BYTES: usize = 64 << 20;

const GROUP_BY_RULE: u8 = 1;

/// Why a link or a stored session could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Not base64url, empty, truncated, not UTF-8, or trailing bytes: the link was cut off or changed.
    Broken,
    /// Made by a later version of the analyzer (a version byte or setting this one does not know).
    Newer,
    /// Unpacks to more than [`MAX_BODY_BYTES`].
    TooBig,
}

impl ShareError {
    /// What to tell the user about a link that failed this way.
    pub fn message(self) -> &'static str {
        match self {
            ShareError::Broken => {
                "This share link is broken or cut off, so it could not be opened. Ask for the whole link again."
            }
            ShareError::Newer => "This share link was made by a newer version of the analyzer; it cannot be opened here.",
            ShareError::TooBig => "This share link unpacks to more than 64 MiB, so it was not opened.",
        }
    }
}

/// A session's body and the names of the inputs it left out (byte inputs).
#[derive(Debug, PartialEq)]
pub struct Body {
    pub bytes: Vec<u8>,
    pub left_out: Vec<String>,
}

/// Writes the body of `session`: its settings and its text inputs.
pub fn body(session: &Session) -> Body {
    // Destructured in full so that a new field in the session fails to compile here until the format keeps it.
    let Session {
        inputs,
        talos_version,
        view: ViewSettings { group_by },
    } = session;
    let mut w = Writer(Vec::with_capacity(
        16 + talos_version.len()
            + inputs
                .iter()
                .map(|i| i.name.len() + 10 + text_len(&i.content))
                .sum::<usize>(),
    ));
    w.0.push(match group_by {
        GroupBy::Node => 0,
        GroupBy::Rule => GROUP_BY_RULE,
    });
    w.str(talos_version);
    let mut left_out = Vec::new();
    let texts: Vec<(&str, &str)> = inputs
        .iter()
        .filter_map(|input| match &input.content {
            SessionContent::Text(text) => Some((input.name.as_str(), &**text)),
            SessionContent::Bytes(_) => {
                left_out.push(input.name.clone());
                None
            }
        })
        .collect();
    w.uint(texts.len() as u64);
    for (name, text) in texts {
        w.str(name);
        w.str(text);
    }
    Body {
        bytes: w.0,
        left_out,
    }
}

fn text_len(content: &SessionContent) -> usize {
    match content {
        SessionContent::Text(text) => text.len(),
        SessionContent::Bytes(_) => 0,
    }
}

/// Reads a body written by [`body`]; every byte must be used.
pub fn read_body(bytes: &[u8]) -> Result<Session, ShareError> {
    let mut r = Reader::new(bytes);
    let group_by = match r.byte().ok_or(ShareError::Broken)? {
        0 => GroupBy::Node,
        GROUP_BY_RULE => GroupBy::Rule,
        _ => return Err(ShareError::Newer),
    };
    let str = |r: &mut Reader<'_>| r.str32().map(str::to_owned).ok_or(ShareError::Broken);
    let talos_version = str(&mut r)?;
    let count = r.uint32().ok_or(ShareError::Broken)?;
    let mut inputs = Vec::new();
    for _ in 0..count {
        let name = str(&mut r)?;
        let text = r.str32().ok_or(ShareError::Broken)?;
        inputs.push(SessionInput {
            name,
            content: SessionContent::Text(Rc::from(text)),
        });
    }
    if !r.is_done() {
        return Err(ShareError::Broken);
    }
    Ok(Session {
        inputs,
        talos_version,
        view: ViewSettings { group_by },
    })
}

/// `payload` behind the version byte, in base64url: a link's fragment after [`PREFIX`] (payload compressed) or a
/// stored session (payload as is).
pub fn seal(payload: &[u8]) -> String {
    let mut framed = Vec::with_capacity(payload.len() + 1);
    framed.push(VERSION);
    framed.extend_from_slice(payload);
    base64url::encode(&framed)
}

/// The payload of what [`seal`] made, after checking the version byte.
pub fn unseal(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut framed = base64url::decode(text).ok_or(ShareError::Broken)?;
    match framed.first() {
        Some(&VERSION) => {
            framed.remove(0);
            Ok(framed)
        }
        Some(&v) if v > VERSION => Err(ShareError::Newer),
        _ => Err(ShareError::Broken),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Session {
        let mut session =
            Session::with_paste("NODE  NAMESPACE  TYPE\n10.0.0.2  runtime  ExtensionStatus\n");
        session.inputs.push(SessionInput {
            name: "patch <é>.yaml".into(),
            content: SessionContent::Text(Rc::from("machine:\n  install: {}\n")),
        });
        session.talos_version = "v1.9.2".into();
        session.view.group_by = GroupBy::Rule;
        session
    }

    #[test]
    fn layout_of_a_small_session() {
        let mut session = Session::with_paste("ab");
        session.talos_version = "v1".into();
        let body = body(&session);
        assert_eq!(
            body.bytes,
            [0, 2, b'v', b'1', 1, 5, b'p', b'a', b's', b't', b'e', 2, b'a', b'b']
        );
        assert!(body.left_out.is_empty());
    }

    /// A session stored (or shared, before compression) by an earlier build still reads back: these bytes were
    /// written by the share format's first implementation, before the codec was shared with the worker.
    #[test]
    fn a_known_stored_session_still_reads() {
        let stored = "AQECdjECBXBhc3RlAmFiD3BhdGNoIDzDqT4ueWFtbAF4";
        let session = read_body(&unseal(stored).unwrap()).unwrap();
        let mut expected = Session::with_paste("ab");
        expected.talos_version = "v1".into();
        expected.view.group_by = GroupBy::Rule;
        expected.inputs.push(SessionInput {
            name: "patch <é>.yaml".into(),
            content: SessionContent::Text(Rc::from("x")),
        });
        assert_eq!(session, expected);
        assert_eq!(seal(&body(&expected).bytes), stored);
    }

    #[test]
    fn round_trips_inputs_version_and_grouping() {
        let session = sample();
        assert_eq!(read_body(&body(&session).bytes), Ok(session));
        assert_eq!(
            read_body(&body(&Session::default()).bytes),
            Ok(Session::default())
        );
    }

    #[test]
    fn byte_inputs_are_left_out_and_named() {
        let mut session = sample();
        session.inputs.insert(
            1,
            SessionInput {
                name: "support.zip".into(),
                content: SessionContent::Bytes(Rc::from(&b"PK\x03\x04"[..])),
            },
        );
        let body = body(&session);
        assert_eq!(body.left_out, ["support.zip"]);
        let read = read_body(&body.bytes).unwrap();
        assert_eq!(read, sample());
    }

    #[test]
    fn long_texts_use_multi_byte_lengths() {
        let text = "x".repeat(300);
        let body = body(&Session::with_paste(&text));
        // 300 = 0b10_0101100: low seven bits with the continuation bit, then 2.
        let at = body.bytes.len() - 300 - 2;
        assert_eq!(body.bytes[at..at + 2], [0xac, 0x02]);
        assert_eq!(read_body(&body.bytes).unwrap().paste(), text);
    }

    #[test]
    fn every_truncation_is_broken_never_a_panic() {
        let bytes = body(&sample()).bytes;
        for len in 0..bytes.len() {
            assert_eq!(
                read_body(&bytes[..len]),
                Err(ShareError::Broken),
                "cut at {len}"
            );
        }
    }

    #[test]
    fn trailing_bytes_are_broken() {
        let mut bytes = body(&sample()).bytes;
        bytes.push(0);
        assert_eq!(read_body(&bytes), Err(ShareError::Broken));
    }

    #[test]
    fn invalid_utf8_is_broken() {
        // One input whose text is a lone continuation byte.
        let bytes = [0, 0, 1, 1, b'p', 1, 0x80];
        assert_eq!(read_body(&bytes), Err(ShareError::Broken));
    }

    #[test]
    fn unknown_settings_are_from_a_newer_version() {
        let mut bytes = body(&sample()).bytes;
        bytes[0] = 0b10;
        assert_eq!(read_body(&bytes), Err(ShareError::Newer));
    }

    #[test]
    fn lengths_beyond_the_data_or_32_bits_are_broken() {
        // A huge input count with nothing behind it.
        assert_eq!(
            read_body(&[0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]),
            Err(ShareError::Broken)
        );
        // A varint of six bytes, and one whose fifth byte overflows 32 bits.
        assert_eq!(
            read_body(&[0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]),
            Err(ShareError::Broken)
        );
        assert_eq!(
            read_body(&[0, 0x80, 0x80, 0x80, 0x80, 0x10]),
            Err(ShareError::Broken)
        );
    }

    #[test]
    fn sealing_puts_the_version_first() {
        let sealed = seal(b"body");
        assert_eq!(base64url::decode(&sealed).unwrap(), b"\x01body");
        assert_eq!(unseal(&sealed), Ok(b"body".to_vec()));
    }

    #[test]
    fn unsealing_refuses_other_versions_and_garbage() {
        assert_eq!(
            unseal(&base64url::encode(b"\x02body")),
            Err(ShareError::Newer)
        );
        assert_eq!(
            unseal(&base64url::encode(b"\x00body")),
            Err(ShareError::Broken)
        );
        assert_eq!(unseal(""), Err(ShareError::Broken));
        assert_eq!(unseal("not base64!"), Err(ShareError::Broken));
    }
}
