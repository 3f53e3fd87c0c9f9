package io.needleguard.cli;

import ch.qos.logback.classic.Level;
import io.needleguard.config.InvalidInputException;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code needleguard} command. */
@Command(
        name = "needleguard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Records microneedling pen sessions over Bluetooth LE, flags unsafe use, keeps the history on this machine and publishes it over MQTT.",
            "",
            "Start with 'needleguard demo' (simulated pens, no setup)."
        },
        subcommands = {
            RunCommand.class,
            HistoryCommand.class,
            StatusCommand.class,
            RulesCommand.class,
            ConditionCommand.class,
            AreaCommand.class,
            AftercareCommand.class,
            LogCommand.class,
            PairCommand.class,
            PensCommand.class,
            ForgetCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error."})
public final class Main implements Runnable {

    @Option(
            names = {"-v", "--verbose"},
            scope = CommandLine.ScopeType.INHERIT,
            description = "More log output on standard error (-v for progress, -vv for debugging).")
    boolean[] verbose = new boolean[0];

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output and errors going to the given writers (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
            extension.commands().forEach(cli::addSubcommand);
        }
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setExecutionStrategy(parsed -> {
            Main root = parsed.asCommandLineList().get(0).getCommand();
            Logging.configure(root.verbose.length, defaultLevel(parsed));
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli;
    }

    /** A long-running service logs its progress; a one-shot command only its problems. */
    private static Level defaultLevel(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().userObject() instanceof LongRunning ? Level.INFO : Level.WARN;
    }

    /** Marks commands that run until stopped, like {@code run}. */
    public interface LongRunning {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Turns an exception into a message and an exit code: 2 for input the user can fix, 1 for
     * anything else. A stack trace only with --verbose: a user needs the message, not the trace.
     */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean verbose = ((Main) parsed.asCommandLineList().get(0).getCommand()).verbose.length > 0;
        if (e instanceof InvalidInputException) {
            err.println(cli.getColorScheme().errorText("needleguard: " + e.getMessage()));
            return ExitCodes.USAGE;
        }
        err.println(cli.getColorScheme().errorText("needleguard: " + describe(e)));
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run again with -v for details)");
        }
        LoggerFactory.getLogger(Main.class).debug("command failed", e);
        return ExitCodes.FAILURE;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** needleguard's version as the packaged jar says it, or "development build" when run from the sources. */
    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "needleguard " + (version().equals("development build") ? "(development build)" : version())
            };
        }
    }
}
