package io.claimflow.testsupport.archfixture.crossadapter.one.adapter;

import io.claimflow.testsupport.archfixture.crossadapter.two.adapter.TwoAdapter;

/** Fixture: an adapter that imports another feature's adapter. */
public class OneAdapter {
    TwoAdapter two;
}
