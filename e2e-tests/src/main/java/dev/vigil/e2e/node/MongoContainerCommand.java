package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;

/**
 * What a container of the official {@code mongo} image runs, as the container runtime works it out:
 * the image's {@code ENTRYPOINT ["docker-entrypoint.sh"]} and {@code CMD ["mongod"]}, replaced by
 * the container's {@code command} and {@code args} as Kubernetes does (a {@code command} replaces
 * the entrypoint and drops the image's CMD; {@code args} alone replace the CMD), then what the
 * entrypoint does with its arguments: run mongod (after its first-start initialisation) when they
 * are mongod's options or start with {@code mongod}, or run the given program otherwise.
 */
public sealed interface MongoContainerCommand {

    /**
     * mongod with these options.
     *
     * @param options mongod's options, without the program name
     * @param throughEntrypoint whether the image's entrypoint starts it, and so creates the root
     *     user from {@code MONGO_INITDB_ROOT_*} on empty data files
     */
    record Mongod(List<String> options, boolean throughEntrypoint)
            implements MongoContainerCommand {
        public Mongod {
            options = List.copyOf(options);
        }
    }

    /** Another program of the image, such as {@code sh -c ...}. */
    record Program(List<String> argv) implements MongoContainerCommand {
        public Program {
            argv = List.copyOf(argv);
        }
    }

    /** What {@code container} runs in the {@code mongo} image. */
    static MongoContainerCommand of(Container container) {
        List<String> command = container.getCommand() == null ? List.of() : container.getCommand();
        List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
        List<String> argv = new ArrayList<>();
        if (command.isEmpty()) {
            argv.add("docker-entrypoint.sh");
            argv.addAll(args.isEmpty() ? List.of("mongod") : args);
        } else {
            argv.addAll(command);
            argv.addAll(args);
        }
        if (isProgram(argv.get(0), "docker-entrypoint.sh")) {
            List<String> rest = argv.subList(1, argv.size());
            if (rest.isEmpty()) {
                return new Program(List.of());
            }
            if (rest.get(0).startsWith("-")) {
                return new Mongod(rest, true);
            }
            if (isProgram(rest.get(0), "mongod")) {
                return new Mongod(rest.subList(1, rest.size()), true);
            }
            return new Program(rest);
        }
        if (isProgram(argv.get(0), "mongod")) {
            return new Mongod(argv.subList(1, argv.size()), false);
        }
        return new Program(argv);
    }

    private static boolean isProgram(String argument, String program) {
        return argument.equals(program) || argument.endsWith("/" + program);
    }
}
