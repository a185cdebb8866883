package io.scrapengine.vaultgateway.api;

/**
 * A problem the HTTP layer itself finds (a missing token, a body that is not JSON), on its way to
 * {@link FailureResponder} through {@code ctx.fail}.
 */
final class ProblemException extends RuntimeException {

  private final Problem problem;

  ProblemException(Problem problem) {
    super(problem.code(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
