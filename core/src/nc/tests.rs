//! Tests of the nonconformity lifecycle.
