package org.udre.engine.catalog;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.udre.catalog.ImageFileException;
import org.udre.catalog.ImageVersionConflictException;
import org.udre.catalog.InvalidDocumentException;
import org.udre.catalog.UnknownImageException;
import org.udre.catalog.offerings.UnknownOfferingException;
import org.udre.engine.offerings.NoImageForOfferingException;
import org.udre.engine.offerings.OfferingsController;

/**
 * How the catalogue's and the offerings' HTTP APIs answer errors: 400 with every error and its path for a document
 * that is not valid (nothing was stored), 409 naming what differs for a change to something immutable, 404 for an
 * unknown image or offering.
 */
@RestControllerAdvice(assignableTypes = {ImagesController.class, OfferingsController.class})
public class CatalogErrors {

    /** One error of a document: where (a JSON Pointer into the request's body) and what. */
    public record ErrorAt(String path, String message) {
    }

    @ExceptionHandler(InvalidDocumentException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidDocumentException e) {
        List<ErrorAt> errors = e.errors().stream().map(error -> new ErrorAt(error.path(), error.message())).toList();
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "errors", errors));
    }

    @ExceptionHandler(ImageVersionConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ImageVersionConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage(), "conflicts", e.conflicts()));
    }

    @ExceptionHandler(NoImageForOfferingException.class)
    ResponseEntity<Map<String, Object>> noImage(NoImageForOfferingException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage(),
                "rejections", e.explanation().rejections()));
    }

    @ExceptionHandler({UnknownImageException.class, UnknownOfferingException.class})
    ResponseEntity<Map<String, Object>> unknown(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({ImageFileException.class, IllegalArgumentException.class})
    ResponseEntity<Map<String, Object>> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        return ResponseEntity.badRequest().body(Map.of("error", "the request body cannot be read: "
                + (cause.getMessage() == null ? cause.toString() : cause.getMessage())));
    }
}
