//! Tests of the relation extractor on sentences written for them.
