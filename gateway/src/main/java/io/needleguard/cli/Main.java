package io.needleguard.cli;

import ch.qos.logback.classic.Level;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error."})
public final class Main implements Runnable {

    /**
     * The subcommands, in the order help lists them (the simulator's follow, see {@link CliExtension}).
     * Not in {@code @Command(subcommands = ...)}: picocli would build every one of them, by reflection,
     * for every command; {@link #commandLine(String...)} builds the one the command line names.
     */
    static final List<Class<?>> COMMANDS = List.of(
            RunCommand.class,
            HistoryCommand.class,
            StatusCommand.class,
            RulesCommand.class,
            ConditionCommand.class,
            AreaCommand.class,
            AftercareCommand.class,
            LogCommand.class,
            ReportCommand.class,
            ExportCommand.class,
            OwnerCommand.class,
            DeviceCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            PairCommand.class,
            PensCommand.class,
            ForgetCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class);

    @Option(
            names = {"-v", "--verbose"},
            scope = CommandLine.ScopeType.INHERIT,
            description = "More log output on standard error (-v for progress, -vv for debugging).")
    boolean[] verbose = new boolean[0];

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // picocli otherwise looks for Groovy's Closure class, which is not there: a miss that reads every
        // jar of the class path on the main thread, before the first option is parsed.
        System.setProperty("picocli.disable.closures", "true");
        StartupWarmup.start();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting. */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the command line with its output and errors going to the given writers (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * The command line for {@code args}, with only the subcommand they name when they name one: making a
     * picocli command reflects over its class and every option, and a one-shot command should not pay for
     * all the others. Help, a name that names nothing (picocli then suggests the close ones) and no name
     * at all get every subcommand; {@code --version} alone gets none. The extensions' commands are looked
     * for only when the name is not one of ours: finding them reads every jar of the class path.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        Optional<String> name = commandName(args);
        Optional<Class<?>> named =
                name.flatMap(n -> named(COMMANDS, n)).or(() -> name.flatMap(n -> named(extensions(), n)));
        if (named.isPresent()) {
            cli.addSubcommand(make(named.get()));
        } else if (!versionOnly(args)) {
            List<Class<?>> all = new ArrayList<>(COMMANDS);
            all.addAll(extensions());
            for (Class<?> command : all) {
                cli.addSubcommand(make(command));
            }
        }
        cli.setExecutionExceptionHandler(new Failures());
        cli.setParameterExceptionHandler(new ParseFailures());
        cli.setExecutionStrategy(new LoggingThenRun());
        return cli;
    }

    // The two picocli hooks are classes, not lambdas: a lambda for one of picocli's interfaces (compiled
    // for Java 5) keeps that interface, and what uses it, out of the launcher's class-data archive.

    /** Sets up logging for the command's verbosity, then runs the command. */
    private static final class LoggingThenRun implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parsed) {
            Main root = parsed.asCommandLineList().get(0).getCommand();
            Logging.configure(root.verbose.length, defaultLevel(parsed));
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    /** A command's failure as a message and an exit code. */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
            return handle(e, cli, parsed);
        }
    }

    /**
     * picocli's answer to options it cannot parse, with what it quotes of them made safe to print: an
     * option's value can hold ESC or a newline, and be as long as the system allows.
     */
    private static final class ParseFailures implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cli = e.getCommandLine();
            PrintWriter err = cli.getErr();
            err.println(cli.getColorScheme().errorText(Quote.brief(e.getMessage(), LONGEST_PARSE_ERROR)));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                cli.usage(err, cli.getColorScheme());
            }
            return cli.getCommandSpec().exitCodeOnInvalidInput();
        }
    }

    /** picocli's message quotes the option's value whole: enough of it to recognise it. */
    private static final int LONGEST_PARSE_ERROR = 300;

    /** The command classes of the extensions on the class path (the simulator's), in their order. */
    private static List<Class<?>> extensions() {
        List<Class<?>> commands = new ArrayList<>();
        for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
            commands.addAll(extension.commandClasses());
        }
        return commands;
    }

    private static Optional<Class<?>> named(List<Class<?>> commands, String name) {
        return commands.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && namesOf(c).contains(name))
                .findFirst();
    }

    /** The first argument that is not one of the root's options (which take no values): the subcommand's name. */
    private static Optional<String> commandName(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return Optional.empty();
            }
            if (!arg.startsWith("-")) {
                return Optional.of(arg);
            }
        }
        return Optional.empty();
    }

    private static Object make(Class<?> command) {
        try {
            return CommandLine.defaultFactory().create(command);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the command " + command.getName(), e);
        }
    }

    private static List<String> namesOf(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    private static boolean versionOnly(String... args) {
        List<String> given = List.of(args);
        return (given.contains("-V") || given.contains("--version"))
                && !given.contains("-h")
                && !given.contains("--help");
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
        // Messages quote what was typed, cut short where they do; control characters in it are escaped here,
        // whichever message quotes them, so that no input can recolour or rewrite the terminal.
        if (e instanceof InvalidInputException) {
            err.println(cli.getColorScheme().errorText("needleguard: " + Quote.controls(e.getMessage())));
            return ExitCodes.USAGE;
        }
        err.println(cli.getColorScheme().errorText("needleguard: " + Quote.controls(describe(e))));
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
