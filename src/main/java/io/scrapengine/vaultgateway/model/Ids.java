package io.scrapengine.vaultgateway.model;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

import java.util.UUID;

/** Ids the service makes before inserting: time-ordered UUIDs (version 7), so indexes grow at one end. */
public final class Ids {

  private static final NoArgGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private Ids() {
  }

  public static UUID next() {
    return GENERATOR.generate();
  }
}
