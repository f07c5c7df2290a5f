package org.ablate.models;

/**
 * What the data tells a model: vocabulary sizes, classes, image shape and the longest sequence.
 * Fields that do not apply to a task are 0.
 */
public record DataSpec(
    int sourceVocabulary,
    int targetVocabulary,
    int classes,
    int imageHeight,
    int imageWidth,
    int channels,
    int maxLength) {

  public static DataSpec sequences(int sourceVocabulary, int targetVocabulary, int maxLength) {
    return new DataSpec(sourceVocabulary, targetVocabulary, 0, 0, 0, 0, maxLength);
  }

  public static DataSpec images(int height, int width, int channels, int classes) {
    return new DataSpec(0, 0, classes, height, width, channels, 0);
  }

  public static DataSpec tokenClasses(int vocabulary, int classes, int maxLength) {
    return new DataSpec(vocabulary, 0, classes, 0, 0, 0, maxLength);
  }

  public boolean sharedVocabulary() {
    return sourceVocabulary == targetVocabulary;
  }
}
