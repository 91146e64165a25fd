//! Surviving a closed connection. The browser may close an IndexedDB connection on its own (the `close` event: memory
//! pressure on a tablet, site data cleared), and another tab's upgrade closes it through `versionchange`; every call
//! after that fails with `InvalidStateError` ([`StoreError::Closed`]). Writers that must not lose data (judge taps)
//! use [`Store::retry_reopening`]: it opens a new connection and runs the operation once more, and only reports the
//! failure when that is impossible too.

use std::future::Future;

use indexed_db_futures::internals::SystemRepr;

use super::{Store, StoreError};

impl Store {
    /// `true` once the connection was closed (by the browser, by another tab's upgrade, or by [`Store::close`]).
    pub fn is_closed(&self) -> bool {
        self.closed_flag().get()
    }

    /// Closes the connection now, as the browser does under memory pressure; later calls fail with
    /// [`StoreError::Closed`]. For tests and for stepping aside.
    pub fn close(&self) {
        self.closed_flag().set(true);
        self.db().as_sys().close();
    }

    /// A new connection to the same database.
    pub async fn reopen(&self) -> Result<Store, StoreError> {
        Ok(Store::open_named(&self.name()).await?.carrying_unreadable_of(self))
    }

    /// Runs `op` with this store; when it fails because the connection is closed, opens a new connection and runs it
    /// once more. Returns the store to use from now on (the new one after a reopen) and the outcome; if reopening
    /// fails, that error is the outcome. `op` must be safe to run twice: a failed IndexedDB transaction changed
    /// nothing.
    pub async fn retry_reopening<T, F, Fut>(&self, op: F) -> (Store, Result<T, StoreError>)
    where
        F: Fn(Store) -> Fut,
        Fut: Future<Output = Result<T, StoreError>>,
    {
        if !self.is_closed() {
            match op(self.clone()).await {
                Err(StoreError::Closed(_)) => {}
                outcome => return (self.clone(), outcome),
            }
        }
        match self.reopen().await {
            Ok(fresh) => {
                let outcome = op(fresh.clone()).await;
                (fresh, outcome)
            }
            Err(e) => (self.clone(), Err(e)),
        }
    }
}
