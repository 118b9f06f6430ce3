# Procedures, written both ways.
delimiter $$
CREATE PROCEDURE count_orders(OUT n INT)
BEGIN
  # a hash comment; with a quote '
  SELECT COUNT(*) INTO n FROM `order`;
END$$
DELIMITER ;

CREATE PROCEDURE touch_all()
BEGIN
  DECLARE done INT DEFAULT FALSE;
  START TRANSACTION;
  UPDATE `order` SET note = CONCAT(note, ';') WHERE id > 0;
  IF ROW_COUNT() = 0 THEN
    ROLLBACK;
  ELSE
    COMMIT;
  END IF;
END;

DELIMITER //
CREATE FUNCTION label(x INT) RETURNS VARCHAR(10) DETERMINISTIC
BEGIN
  RETURN CASE WHEN x > 0 THEN 'pos' ELSE 'neg' END;
END //
DELIMITER ;

CALL count_orders(@n);
SELECT @n, label(-1);
