//! What the user gives the analyzer: named texts (a paste, a file) or bytes (a dropped file, a support bundle).

/// One input: a paste or a file.
#[derive(Debug, Clone)]
pub struct Input {
    /// A file name, or a label such as `paste`.
    pub name: String,
    pub content: InputContent,
}

#[derive(Debug, Clone)]
pub enum InputContent {
    Text(String),
    /// Raw bytes: a zip (support bundle), an `.age` file, or text in an unknown encoding.
    Bytes(Vec<u8>),
}

impl Input {
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input {
            name: name.into(),
            content: InputContent::Text(text.into()),
        }
    }

    pub fn bytes(name: impl Into<String>, bytes: Vec<u8>) -> Input {
        Input {
            name: name.into(),
            content: InputContent::Bytes(bytes),
        }
    }
}

/// Settings of one analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The Talos release the user says the cluster runs (`v1.9.2`); wins over any detected version.
    pub talos_version: Option<String>,
}
