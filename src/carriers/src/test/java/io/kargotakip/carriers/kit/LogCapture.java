package io.kargotakip.carriers.kit;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The lines a class logs through {@link System.Logger} (backed by java.util.logging in plain tests), formatted. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(Logger.getLogger(source.getName()));
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        // only this logger's own lines: the log manager's start-up warning can reach it when it starts first
        if (record.getLoggerName() != null && !record.getLoggerName().equals(logger.getName())) {
            return;
        }
        if (record.getMessage() != null && record.getMessage().startsWith("The LogManager accessed before")) {
            return;
        }
        Object[] parameters = record.getParameters();
        messages.add(parameters == null ? record.getMessage() : MessageFormat.format(record.getMessage(), parameters));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
