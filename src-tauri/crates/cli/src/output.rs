//! How results are shown: JSON on stdout for scripts, readable Vietnamese for people, and
//! confirmations on stderr so stdout stays clean for pipes.

use serde::Serialize;
use thidua_core::blocks::Block;
use thidua_core::units::{Unit, UnitStatus};

pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn json_value<T: Serialize + ?Sized>(&self, value: &T) {
        // Written as it is made: the report of a 200,000-row import is tens of MiB.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let written = serde_json::to_writer_pretty(&mut out, value)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                use std::io::Write;
                writeln!(out)
                    .and_then(|()| out.flush())
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            eprintln!("Không tạo được JSON: {e}");
        }
    }

    /// A command that changed something: the record as JSON with `--json`, and a
    /// confirmation sentence on stderr either way.
    pub fn done<T: Serialize + ?Sized>(&self, value: &T, message: &str) {
        if self.json {
            self.json_value(value);
        }
        eprintln!("{message}");
    }
}

/// Pads to a width in characters (not bytes), so Vietnamese columns line up.
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub fn print_units(units: &[Unit]) {
    if units.is_empty() {
        eprintln!("Không có đơn vị nào.");
        return;
    }
    let code_w = units
        .iter()
        .map(|u| u.code.chars().count())
        .max()
        .unwrap_or(3)
        .max(3);
    println!("{}  {}  Tên đơn vị", pad("STT", 4), pad("Mã", code_w));
    for (i, u) in units.iter().enumerate() {
        let status = match u.status {
            UnitStatus::Active => String::new(),
            UnitStatus::Merged => format!(
                "  (đã sáp nhập vào {})",
                u.merged_into_name.as_deref().unwrap_or("?")
            ),
            UnitStatus::Dissolved => "  (đã giải thể)".to_string(),
        };
        println!(
            "{}  {}  {}{}",
            pad(&(i + 1).to_string(), 4),
            pad(&u.code, code_w),
            u.name,
            status
        );
    }
    eprintln!("{} đơn vị.", units.len());
}

pub fn print_blocks(year: i32, blocks: &[Block]) {
    if blocks.is_empty() {
        eprintln!("Năm {year} chưa có khối thi đua nào.");
        return;
    }
    for b in blocks {
        println!("{} (năm {}, {} đơn vị)", b.name, b.year, b.members.len());
        for m in &b.members {
            println!(
                "  {}  {}  {}",
                pad(m.role.label(), 12),
                pad(&m.unit_code, 6),
                m.unit_name
            );
        }
    }
}
