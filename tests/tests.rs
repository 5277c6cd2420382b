//! End-to-end tests: the real `claimdesk` binary against temporary workspaces.

mod suite;
