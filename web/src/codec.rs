//! The one byte codec of the page: unsigned LEB128 numbers, strings (byte length, then UTF-8), options and lists.
//! The worker's report form (`worker/wire.rs`) and the share link's body (`state/share.rs`) are both written with
//! [`Writer`] and read with [`Reader`]. Reading never panics: anything truncated or malformed reads as `None`.

/// Writes numbers, strings, options and lists onto a byte vector.
pub struct Writer(pub Vec<u8>);

impl Writer {
    /// An unsigned LEB128 number: seven bits a byte, low bits first, the top bit set on every byte but the last.
    pub fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    /// The byte length, then the UTF-8 bytes.
    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    /// `0`, or `1` and the string.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.0.push(0),
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
        }
    }

    /// The length, then each item.
    pub fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Writer, &T)) {
        self.uint(items.len() as u64);
        for x in items {
            item(self, x);
        }
    }
}

/// A cursor over bytes written by [`Writer`].
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    /// Where the next read starts.
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Whether every byte was read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    pub fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// An unsigned LEB128 number of at most 64 bits (ten bytes, the last one holding one bit).
    pub fn uint(&mut self) -> Option<u64> {
        // Most numbers (lines, columns, lengths of names) take one byte.
        if let Some(&b) = self.bytes.get(self.at) {
            if b < 0x80 {
                self.at += 1;
                return Some(u64::from(b));
            }
        }
        self.leb128(64)
    }

    /// An unsigned LEB128 number of at most 32 bits, in at most five bytes (the share link's numbers): a longer
    /// encoding is refused even when its value would fit.
    pub fn uint32(&mut self) -> Option<u32> {
        u32::try_from(self.leb128(32)?).ok()
    }

    /// An unsigned LEB128 number of at most `bits` bits, in at most as many bytes as that takes.
    fn leb128(&mut self, bits: u32) -> Option<u64> {
        let mut n = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            // The last byte may carry only the bits left.
            if shift + 7 > bits && part >> (bits - shift) != 0 {
                return None;
            }
            n |= part << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
            shift += 7;
            if shift >= bits {
                return None;
            }
        }
    }

    /// A number of at most 32 bits, however it was encoded.
    pub fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }

    /// A string: its length ([`Reader::uint`]) and its UTF-8 bytes.
    pub fn str(&mut self) -> Option<&'a str> {
        let len = self.usize()?;
        self.text(len)
    }

    /// A string whose length is read with [`Reader::uint32`] (the share link's strings).
    pub fn str32(&mut self) -> Option<&'a str> {
        let len = usize::try_from(self.uint32()?).ok()?;
        self.text(len)
    }

    fn text(&mut self, len: usize) -> Option<&'a str> {
        std::str::from_utf8(self.take(len)?).ok()
    }

    pub fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    pub fn opt_string(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }

    /// A list; every item takes at least one byte, so a length beyond the bytes left is refused before the
    /// vector is allocated (a hostile length cannot ask for gigabytes).
    pub fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Reader<'a>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let len = self.usize()?;
        if len > self.bytes.len().saturating_sub(self.at) {
            return None;
        }
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            out.push(item(self)?);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_and_overlong_ones_are_refused() {
        for n in [
            0,
            1,
            127,
            128,
            300,
            u64::from(u32::MAX),
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut w = Writer(Vec::new());
            w.uint(n);
            assert!(w.0.len() <= 10);
            assert_eq!(Reader::new(&w.0).uint(), Some(n));
            assert_eq!(
                Reader::new(&w.0).uint32().map(u64::from),
                u32::try_from(n).ok().map(u64::from)
            );
        }
        // Eleven bytes, or a tenth byte with more than the 64th bit.
        for bad in [
            &[0x80u8; 11][..],
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02],
        ] {
            assert_eq!(Reader::new(bad).uint(), None);
        }
        // A u32 field holding more than 32 bits.
        let mut w = Writer(Vec::new());
        w.uint(u64::from(u32::MAX) + 1);
        assert_eq!(Reader::new(&w.0).u32(), None);
        // 32-bit numbers: six bytes, or a fifth byte with more than the 32nd bit, are refused.
        assert_eq!(
            Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).uint32(),
            None
        );
        assert_eq!(Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]).uint32(), None);
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x0f]).uint32(),
            Some(u32::MAX)
        );
        // The same number, one byte overlong: a 64-bit reader takes it.
        assert_eq!(Reader::new(&[0x85, 0x00]).uint(), Some(5));
    }

    #[test]
    fn strings_options_and_lists_read_back() {
        let mut w = Writer(Vec::new());
        w.str("é");
        w.opt_str(None);
        w.opt_str(Some("x"));
        w.list(&["a", "bc"], |w, s| w.str(s));
        assert_eq!(
            w.0,
            [2, 0xc3, 0xa9, 0, 1, 1, b'x', 2, 1, b'a', 2, b'b', b'c']
        );
        let mut r = Reader::new(&w.0);
        assert_eq!(r.str(), Some("é"));
        assert_eq!(r.opt_string(), Some(None));
        assert_eq!(r.opt_string(), Some(Some("x".to_owned())));
        assert_eq!(
            r.list(Reader::string),
            Some(vec!["a".to_owned(), "bc".to_owned()])
        );
        assert!(r.is_done());
        // A list longer than the bytes left, a string cut off, invalid UTF-8.
        assert_eq!(Reader::new(&[200, 0]).list(Reader::byte), None);
        assert_eq!(Reader::new(&[3, b'a']).str(), None);
        assert_eq!(Reader::new(&[1, 0x80]).str32(), None);
    }
}
