package example.auditconsumer;

/** {@code java -jar audit-consumer.jar}, configured by environment variables (see {@link Settings}). */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = Settings.from(System.getenv());
    } catch (IllegalArgumentException badSetting) {
      System.err.println(badSetting.getMessage());
      System.exit(1);
      return;
    }
    AuditConsumer.start(settings, System.out::println)
        .onSuccess(vertx -> Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await())))
        .onFailure(failure -> {
          System.err.println("audit consumer did not start: " + failure.getMessage());
          System.exit(1);
        });
  }
}
