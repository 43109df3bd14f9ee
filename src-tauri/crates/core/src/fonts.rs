//! The typeface of printed documents: Liberation Serif (SIL OFL 1.1), bundled in
//! `assets/fonts/liberation/`. It has Times New Roman's metrics — the font Nghị định 30/2020
//! prescribes — so lines and pages break where Word would, and it has every Vietnamese letter.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }
}

/// The TrueType file of `face`, compiled into the program so printing never depends on what
/// fonts the laptop has.
pub fn serif(face: Face) -> &'static [u8] {
    match face {
        Face::Regular => {
            include_bytes!("../../../../assets/fonts/liberation/LiberationSerif-Regular.ttf")
        }
        Face::Bold => {
            include_bytes!("../../../../assets/fonts/liberation/LiberationSerif-Bold.ttf")
        }
        Face::Italic => {
            include_bytes!("../../../../assets/fonts/liberation/LiberationSerif-Italic.ttf")
        }
        Face::BoldItalic => {
            include_bytes!("../../../../assets/fonts/liberation/LiberationSerif-BoldItalic.ttf")
        }
    }
}

/// The family name Word should use for text in DOCX files (the real font where installed).
pub const DOCX_FAMILY: &str = "Times New Roman";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_a_truetype_file() {
        for face in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic] {
            let bytes = serif(face);
            // TrueType files start with version 1.0 (00 01 00 00).
            assert_eq!(&bytes[..4], &[0, 1, 0, 0], "{face:?}");
            assert!(bytes.len() > 100_000);
        }
        assert_eq!(Face::new(true, true), Face::BoldItalic);
    }
}
