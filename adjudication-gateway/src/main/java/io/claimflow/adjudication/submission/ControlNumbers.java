package io.claimflow.adjudication.submission;

/** Interchange (ISA13), group (GS06) and transaction set (ST02) control numbers, each unique and never reused. */
public interface ControlNumbers {

    long nextInterchange();

    long nextGroup();

    long nextTransaction();
}
