package io.claimflow.testsupport.archfixture.cycle.b;

import io.claimflow.testsupport.archfixture.cycle.a.A;

/** Fixture: ...and feature b uses feature a. */
public class B {
    A a;
}
