package io.claimflow.testsupport.archfixture.crossadapter.two.adapter;

/** Fixture: another feature's adapter. */
public class TwoAdapter {}
