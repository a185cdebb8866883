package io.scrapengine.vaultgateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code java -jar vault-gateway.jar [command]}: the service ({@code serve}, the default) and the operator's
 * commands. Strict: unknown commands, options and values are refused with the reason and a usage line, and every
 * command has {@code --help}.
 *
 * <p>To add a command group, write a {@code @Command} class whose methods call the group's own logic (as
 * {@link KeysCli} does for {@code keys}), and list it in {@code subcommands} below: picocli does the parsing, help
 * and errors.
 */
@Command(name = "vault-gateway", mixinStandardHelpOptions = true, versionProvider = Version.class,
  description = "ScrapEngine Vault Gateway. Without a command it runs the service (serve).",
  subcommands = {ServeCommand.class, MigrateCommand.class, TokenCommand.class, KeysetCommand.class,
    SigningKeyCommand.class, KeysCli.class, CommandLine.HelpCommand.class})
public final class GatewayCli implements Callable<Integer> {

  /** What the process should do after a command returned. */
  public record Outcome(int exitCode, boolean keepRunning) {
  }

  @Override
  public Integer call() {
    // no command: serve, as `java -jar vault-gateway.jar` always did
    return new ServeCommand().call();
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new GatewayCli());
    cli.setUnmatchedArgumentsAllowed(false);
    cli.setUnmatchedOptionsArePositionalParams(false);
    cli.setAbbreviatedOptionsAllowed(false);
    cli.setAbbreviatedSubcommandsAllowed(false);
    cli.setOverwrittenOptionsAllowed(false);
    cli.setParameterExceptionHandler(GatewayCli::refuse);
    return cli;
  }

  /** Runs the command {@code args} names. The service keeps running after {@code serve} returns. */
  public static Outcome execute(String... args) {
    CommandLine cli = commandLine();
    int exitCode = cli.execute(args);
    boolean serving = ServeCommand.started();
    return new Outcome(exitCode, exitCode == 0 && serving);
  }

  /** The reason, one usage line, and where to read more: on stderr, exit code 2. */
  private static int refuse(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("usage: " + command.getHelp().synopsis(0).trim());
    err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }
}
