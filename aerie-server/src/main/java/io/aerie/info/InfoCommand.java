package io.aerie.info;

/** One info command: answers the text after the command name (parameters), or nothing. */
@FunctionalInterface
public interface InfoCommand {
    /**
     * The value for this command.
     *
     * @param name the command name as registered
     * @param args what followed the name: "" for a bare name, the part after ':' or '/' otherwise
     */
    String answer(String name, String args);
}
