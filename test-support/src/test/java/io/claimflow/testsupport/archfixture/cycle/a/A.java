package io.claimflow.testsupport.archfixture.cycle.a;

import io.claimflow.testsupport.archfixture.cycle.b.B;

/** Fixture: feature a uses feature b... */
public class A {
    B b;
}
