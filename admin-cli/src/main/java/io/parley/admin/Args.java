package io.parley.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A command line as the commands read it: positional arguments (LibreChat's scripts take theirs in
 * order) and options, {@code --name=value}, {@code --name value} or a bare {@code --flag}. Options may
 * stand anywhere; {@code --} ends them. An option the command does not know is a usage error.
 */
public final class Args {

    private final List<String> positional;
    private final Map<String, String> options;

    private Args(List<String> positional, Map<String, String> options) {
        this.positional = positional;
        this.options = options;
    }

    /**
     * @param valued the options that take a value (the next argument when not given with {@code =})
     * @param flags  the options that take none (given with {@code =}, as LibreChat's
     *               {@code --email-verified=false}, they carry one)
     */
    public static Args parse(List<String> args, Set<String> valued, Set<String> flags) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        boolean onlyPositional = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositional || !arg.startsWith("--") || arg.length() == 2 && !arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositional = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (valued.contains(name)) {
                if (equals >= 0) {
                    options.put(name, arg.substring(equals + 1));
                } else if (i + 1 < args.size()) {
                    options.put(name, args.get(++i));
                } else {
                    throw new CliException("--" + name + " needs a value", CliException.USAGE);
                }
            } else if (flags.contains(name)) {
                options.put(name, equals < 0 ? "true" : arg.substring(equals + 1));
            } else {
                throw new CliException("unknown option --" + name, CliException.USAGE);
            }
        }
        return new Args(List.copyOf(positional), options);
    }

    /** The {@code index}th positional argument; null when not given. */
    public @Nullable String positional(int index) {
        return index < positional.size() ? positional.get(index) : null;
    }

    public int positionalCount() {
        return positional.size();
    }

    public @Nullable String option(String name) {
        return options.get(name);
    }

    /** A flag: given bare or as {@code =true}. */
    public boolean flag(String name) {
        return "true".equalsIgnoreCase(options.get(name));
    }
}
