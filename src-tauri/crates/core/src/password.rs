//! The optional password that opens the app on a shared laptop.
//!
//! Kept in the data file (table `app_password`) so it travels with the file, as an Argon2id
//! hash in PHC form: salted and memory-hard, so a copy of the file does not give the password
//! away cheaply. What it protects against is a person at the keyboard: the data file itself
//! is NOT encrypted (docs/threat-model.md); anyone who can read the file can read the data
//! and can remove the password with `thidua password --remove`.
//!
//! The shell keeps the window locked until [`Store::check_password`] succeeds and slows down
//! guessing with [`Attempts`].

use crate::error::{Error, Result};
use crate::store::{now, Store};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use rusqlite::OptionalExtension;
use std::time::{Duration, Instant};

/// Shorter passwords are refused: four characters are guessed by hand in an afternoon.
pub const MIN_LENGTH: usize = 6;

fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::invalid("password", format!("Không tạo được mã băm mật khẩu: {e}")))
}

fn matches(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

impl Store {
    fn password_hash(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT phc FROM app_password WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Whether the app asks for a password when it opens this file.
    pub fn has_password(&self) -> Result<bool> {
        Ok(self.password_hash()?.is_some())
    }

    /// True when no password is set or `password` is the one set.
    pub fn check_password(&self, password: &str) -> Result<bool> {
        Ok(match self.password_hash()? {
            None => true,
            Some(phc) => matches(&phc, password),
        })
    }

    /// Sets or changes the password. Changing needs the current one.
    pub fn set_password(&mut self, current: Option<&str>, new: &str) -> Result<()> {
        if let Some(phc) = self.password_hash()? {
            if !current.is_some_and(|c| matches(&phc, c)) {
                return Err(Error::invalid("current", "Mật khẩu hiện tại không đúng."));
            }
        }
        if new.chars().count() < MIN_LENGTH {
            return Err(Error::invalid(
                "password",
                format!("Mật khẩu cần ít nhất {MIN_LENGTH} ký tự."),
            ));
        }
        let phc = hash(new)?;
        self.conn.execute(
            "INSERT INTO app_password (id, phc, set_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET phc = excluded.phc, set_at = excluded.set_at",
            rusqlite::params![phc, now()],
        )?;
        Ok(())
    }

    /// Removes the password, given the current one.
    pub fn remove_password(&mut self, current: &str) -> Result<()> {
        if !self.check_password(current)? {
            return Err(Error::invalid("current", "Mật khẩu hiện tại không đúng."));
        }
        self.forget_password()
    }

    /// Removes the password without asking for it: the way out of a forgotten password, for
    /// someone who can already read and write the data file (`thidua password --remove`).
    pub fn forget_password(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM app_password", [])?;
        Ok(())
    }
}

/// Wrong attempts in a row and when the next one is accepted: two typos cost nothing, the
/// third wrong password makes the next try wait 2 s, then 4, 8 … up to a minute. Kept by the shell for as long as the app runs.
#[derive(Debug, Default)]
pub struct Attempts {
    failures: u32,
    not_before: Option<Instant>,
}

impl Attempts {
    /// Refuses a try that comes before the delay is over.
    pub fn may_try(&self, at: Instant) -> Result<()> {
        match self.not_before {
            Some(t) if at < t => Err(Error::TooManyAttempts {
                seconds: (t - at).as_secs_f64().ceil() as u64,
            }),
            _ => Ok(()),
        }
    }

    pub fn failed(&mut self, at: Instant) {
        self.failures += 1;
        if self.failures >= 3 {
            let secs = 2u64 << (self.failures - 3).min(5);
            self.not_before = Some(at + Duration::from_secs(secs.min(60)));
        }
    }

    pub fn succeeded(&mut self) {
        *self = Attempts::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_hashed_checked_changed_and_removed() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(!s.has_password().unwrap());
        assert!(s.check_password("bất kỳ").unwrap(), "no password: open");
        assert_eq!(
            s.set_password(None, "ngắn").unwrap_err().field(),
            Some("password")
        );
        s.set_password(None, "Sổ thi đua 2025").unwrap();
        let stored = s.password_hash().unwrap().unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("Sổ thi đua"));
        assert!(s.check_password("Sổ thi đua 2025").unwrap());
        assert!(!s.check_password("sổ thi đua 2025").unwrap());

        // changing needs the current password
        assert_eq!(
            s.set_password(Some("sai"), "mật khẩu mới")
                .unwrap_err()
                .field(),
            Some("current")
        );
        assert_eq!(
            s.set_password(None, "mật khẩu mới").unwrap_err().field(),
            Some("current")
        );
        s.set_password(Some("Sổ thi đua 2025"), "mật khẩu mới")
            .unwrap();
        assert!(s.check_password("mật khẩu mới").unwrap());
        assert!(!s.check_password("Sổ thi đua 2025").unwrap());
        // two hashes of one password differ (salt)
        let again = s.password_hash().unwrap().unwrap();
        s.set_password(Some("mật khẩu mới"), "mật khẩu mới")
            .unwrap();
        assert_ne!(again, s.password_hash().unwrap().unwrap());

        assert!(s.remove_password("sai").is_err());
        assert!(s.has_password().unwrap());
        s.remove_password("mật khẩu mới").unwrap();
        assert!(!s.has_password().unwrap());
    }

    #[test]
    fn the_password_travels_with_the_file_and_the_cli_way_out_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thidua.db");
        Store::open(&db)
            .unwrap()
            .set_password(None, "bí mật 123")
            .unwrap();
        let mut again = Store::open(&db).unwrap();
        assert!(again.has_password().unwrap());
        assert!(again.check_password("bí mật 123").unwrap());
        again.forget_password().unwrap();
        assert!(!Store::open(&db).unwrap().has_password().unwrap());
    }

    #[test]
    fn wrong_attempts_slow_down_the_next_ones() {
        let mut a = Attempts::default();
        let t0 = Instant::now();
        a.failed(t0);
        a.failed(t0);
        assert!(a.may_try(t0).is_ok(), "two typos cost nothing");
        a.failed(t0);
        let err = a.may_try(t0).unwrap_err();
        assert_eq!(err.code(), "too_many_attempts");
        assert!(err.to_string().contains("2 giây"), "{err}");
        assert!(a.may_try(t0 + Duration::from_secs(2)).is_ok());
        a.failed(t0);
        assert!(a.may_try(t0 + Duration::from_secs(3)).is_err());
        assert!(a.may_try(t0 + Duration::from_secs(4)).is_ok());
        for _ in 0..20 {
            a.failed(t0);
        }
        assert!(a.may_try(t0 + Duration::from_secs(60)).is_ok(), "capped");
        a.succeeded();
        assert!(a.may_try(t0).is_ok());
    }
}
