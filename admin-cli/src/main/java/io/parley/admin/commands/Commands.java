package io.parley.admin.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every admin command by name, in the order the help lists them. */
public final class Commands {

    private static final Map<String, Command> BY_NAME = new LinkedHashMap<>();

    static {
        List<Command> all = new ArrayList<>(AccountCommands.all());
        all.addAll(BalanceCommands.all());
        all.add(StatsCommand.command());
        all.addAll(BannerCommands.all());
        all.addAll(MaintenanceCommands.all());
        all.forEach(command -> BY_NAME.put(command.name(), command));
    }

    private Commands() {
    }

    public static Optional<Command> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<Command> all() {
        return List.copyOf(BY_NAME.values());
    }
}
